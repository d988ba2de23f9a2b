## واجهة التطبيق: الترويسة، التنقل، التشغيل الأول، الإعدادات، «اطلب المساعدة الآن».

app-name = ScanWise
skip-to-content = انتقل إلى المحتوى
help-now = اطلب المساعدة الآن
nav-label = القائمة الرئيسية
nav-home = الرئيسية
nav-checker = هل أحتاج إلى تصوير؟
nav-decoder = كلمات التقرير
nav-questions = أسئلتي
nav-search = بحث
nav-settings = الإعدادات
footer-not-diagnosis = يقدّم ScanWise معلومات وليس تشخيصًا. إذا كنت قلقًا فتحدّث مع طبيب أو أخصائي علاج طبيعي.
footer-licence = الشيفرة: MIT أو Apache-2.0. المحتوى: CC BY 4.0.
loading = جارٍ التحميل…
error-not-found = لم نجد هذه الصفحة.
error-generic = حدث خطأ ما. يُرجى المحاولة مرة أخرى.

first-run-title = مرحبًا بك في ScanWise
first-run-not-diagnosis = هذا التطبيق يقدّم معلومات وليس تشخيصًا. لا يمكنه أن يخبرك بسبب مشكلتك. إذا كنت قلقًا فتحدّث مع طبيب أو أخصائي علاج طبيعي.
first-run-choose-language = اختر لغتك
first-run-privacy = يبقى كل شيء على هذا الجهاز. لا حاجة إلى حساب، ولا يُرسَل أي شيء إلى أي مكان.
first-run-continue = متابعة

settings-title = الإعدادات
settings-language = اللغة
settings-fallback = إذا لم تكن الصفحة متوفرة بلغتك بعد، نعرضها بهذا الترتيب: { $chain }
settings-region = البلد أو المنطقة (لأرقام الطوارئ)
settings-text-size = حجم النص
settings-theme = الألوان
theme-system = مثل جهازي
theme-light = فاتح
theme-dark = داكن
theme-high_contrast = تباين عالٍ
settings-reduced-motion = تقليل الحركة
settings-updates = تحديثات المحتوى
settings-updates-on = البحث عن صفحات جديدة ومحدَّثة
settings-updates-none = لم يُثبَّت أي تحديث. أنت تقرأ المحتوى الذي جاء مع التطبيق.
settings-updates-verified = تم التحقق من المحتوى آخر مرة في { $date }.
settings-updates-failed = تعذّر البحث عن تحديثات. يستمر التطبيق في العمل بالمحتوى الموجود.
settings-updates-ready = المحتوى الجديد جاهز. ستراه عند الانتقال إلى الشاشة الرئيسية.
settings-updates-added = جديد: { $title }
settings-updates-updated = محدَّث: { $title }
settings-updates-removed = محذوف: { $title }
settings-about = عن التطبيق
settings-privacy = لا يستخدم ScanWise حسابات ولا تتبّعًا. ما تكتبه، مثل نص التقرير، لا يغادر هذا الجهاز أبدًا.
settings-version = الإصدار { $version }
region-default = بلد آخر

help-title = اطلب المساعدة الآن
help-call-now = اتصل الآن إذا احتجت إلى مساعدة عاجلة
help-emergency = الطوارئ:
help-urgent = رعاية عاجلة في اليوم نفسه:
help-local-number = اتصل برقم الطوارئ المحلي.
help-region = الأرقام الخاصة بـ: { $region }.
help-change-region = تغيير البلد
help-signs-lede = هذه هي العلامات نفسها التي يسأل عنها فحص «هل أحتاج إلى تصوير؟». إذا لم تكن متأكدًا من أن علامةً ما تنطبق عليك، فاطلب المساعدة على أي حال.
help-signs-emergency = اتصل برقم الطوارئ الآن إذا كان لديك ألم مع أيٍّ مما يلي:
help-signs-urgent = راجع طبيبًا في اليوم نفسه إذا كان لديك ألم مع أيٍّ مما يلي:
help-signs-soon = راجع طبيبًا خلال أيام قليلة إذا كان لديك ألم مع أيٍّ مما يلي:
help-read-safety = متى يلزم التصوير: العلامات التحذيرية
help-checker = افحص أعراضك بالإجابة عن الأسئلة
language-native-name = العربية

# قناة المحتوى الموقّعة (issue 15): السؤال قبل أول طلب، وسجل تحديثات تالف.
first-run-updates-what = للتحقق، يقوم التطبيق فقط بتنزيل صفحات موقّعة من خادم تحديثات ScanWise، ولا يرسل أي شيء عنك.
updates-damaged = كان سجل التحديثات على هذا الجهاز تالفًا. أنت تقرأ آخر محتوى تم التحقق منه، وسيُصلح التحقق التالي من التحديثات هذا السجل.
