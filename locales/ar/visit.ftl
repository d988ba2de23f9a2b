## روابط العيادة، «مشاركة هذه الصفحات»، وضع الكشك.

link-title = صفحات من عيادتك
link-lede = اختارت عيادتك هذه الصفحات لك. تعمل دون إنترنت.
link-modules = صفحات للقراءة
link-notice-title = تعذّر استخدام جزء من الرابط:
link-too-long = الرابط أطول من أن يكون رابط ScanWise، لذلك لم يُفتح منه شيء.
link-not-a-prescription = هذا ليس رابط ScanWise، لذلك لم يُفتح منه شيء.
link-empty = لا يذكر الرابط أي صفحات.
link-unknown-language = يطلب الرابط لغة غير موجودة في التطبيق، لذلك تُستخدم لغتك.
link-unknown-tool = يطلب الرابط أداة غير موجودة في التطبيق.
link-invalid-module-ids = عناصر في الرابط ليست أسماء صفحات: { $count }
link-unknown-modules = صفحات في الرابط غير موجودة على هذا الجهاز (بعد): { $count }
link-too-many-modules = يذكر الرابط { $given } صفحة؛ تظهر أول { $kept }.
share-these = شارك هذه الصفحات
share-qr-alt = رمز QR لرابط هذه الصفحات
share-scan = امسحه بكاميرا الهاتف، أو اكتب هذا العنوان:
kiosk-take-home = خذ هذا معك
kiosk-done = انتهيت (امسح زيارتي)
kiosk-exit = الخروج من وضع الكشك
kiosk-pin = رمز PIN للموظفين
kiosk-wrong-pin = رمز PIN غير صحيح.
kiosk-cooldown = محاولات خاطئة كثيرة. يُرجى الانتظار دقيقة.
