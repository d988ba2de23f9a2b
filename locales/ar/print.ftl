## الملصقات والأوراق المطبوعة (`scanwise poster`، `scanwise handout`؛ crates/print).

print-poster-title = هل تحتاج إلى تصوير؟
print-poster-subtitle = ألم الظهر أو الركبة أو الكتف: ما يمكن أن يُظهره التصوير وما لا يمكنه إظهاره.
print-poster-pages = صفحات اخترناها لك:
print-poster-scan = امسح الرمز بكاميرا هاتفك لفتح هذه الصفحات في ScanWise.
print-poster-web = لا تحتاج إلى تطبيق: يفتح الرمز هذه الصفحات في متصفح هاتفك. بعد فتحها، تعمل أيضًا بدون إنترنت.
print-poster-app-needed = يفتح الرمز تطبيق ScanWise المجاني.
print-poster-open-checker = يبدأ بأداة «هل أحتاج إلى تصوير؟».
print-poster-open-questions = يبدأ بأسئلة يمكنك طرحها عن التصوير.
print-poster-privacy = يعمل دون إنترنت. لا يُرسَل أي شيء تقرؤه إلى أي مكان.
print-handout-not-advice = هذه معلومات عامة وليست تشخيصًا. إذا كنت قلقًا أو تشعر بتوعك شديد، فاطلب المساعدة الآن.
print-handout-key-points = نقاط أساسية
print-handout-questions = أسئلة يمكنك طرحها
print-handout-references = المراجع
print-handout-review-draft = لم يراجعه طبيب بعد.
print-handout-review-done = راجعه { $reviewer } بتاريخ { $date }.
print-handout-next-review = المراجعة القادمة بتاريخ { $date }.
print-handout-translated = تُرجم بتاريخ { $date }.
print-handout-stale = تغيّر النص الإنجليزي بعد إعداد هذه الترجمة. قد لا تكون محدّثة.
print-handout-questions-title = أسئلة تطرحها بشأن التصوير
print-handout-questions-intro = ضع علامة على الأسئلة التي تريد طرحها، وخذ هذه الورقة معك إلى موعدك.
print-handout-own-questions = أسئلتي الخاصة
print-handout-online = اقرأ هذا على الإنترنت من أي هاتف: امسح الرمز أو اكتب العنوان.
print-handout-licence = النص من مشروع ScanWise، مرخّص بموجب CC BY 4.0 (creativecommons.org/licenses/by/4.0). يمكنك نسخه وتعديله مع ذكر المصدر.
print-handout-page = صفحة { $page } من { $pages }
