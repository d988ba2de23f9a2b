## النسخة الإلكترونية (`scanwise site`؛ crates/site): نصوص لا يحتاجها إلا الموقع.

web-languages-title = ScanWise: اختر لغتك
web-nav-about = حول
web-glossary-title = كلمات تقارير التصوير
web-glossary-lede = معنى الكلمات الواردة في تقارير التصوير، بلغة بسيطة.
web-glossary-area-spine = الظهر والرقبة
web-glossary-area-knee = الركبة
web-glossary-area-shoulder = الكتف
web-glossary-area-joint = أي مفصل
web-glossary-area-general = كلمات تُستخدم في كل التقارير
web-glossary-in-app = لشرح الكلمات الواردة في تقريرك أنت، استخدم تطبيق ScanWise. يبقى نص تقريرك على جهازك: هذا الموقع لا يطلبه أبدًا.
web-myth-show = أظهر الإجابة
web-questions-print = اطبع هذه الصفحة وخذها معك إلى موعدك.
web-questions-both = جنبًا إلى جنب مع لغة أخرى:
web-questions-tick = اسأل
web-checker-start = ابدأ من جديد
web-checker-choose-area = للبدء، اختر مكان ألمك.
web-checker-privacy = كل إجابة تفتح الصفحة التالية من هذا الموقع. لا تُحفَظ إجاباتك، لكن الخادم، كما في أي موقع، يرى الصفحات التي فُتحت.
web-checker-answered = الأسئلة التي أُجيب عنها: { $count }
web-help-numbers-title = الأرقام حسب البلد
web-help-country = البلد
web-help-emergency = الطوارئ
web-help-urgent = رعاية عاجلة في اليوم نفسه
web-help-other = بلد آخر: اتصل برقم الطوارئ المحلي.
web-about-title = حول ScanWise
web-about-lede = يشرح ScanWise بلغة بسيطة ما يمكن للتصوير أن يُظهره وما لا يمكنه عند ألم الظهر والركبة والكتف. الصفحات نفسها التي رُوجعت موجودة في تطبيق ScanWise.
web-about-decoder-title = تقرير التصوير الخاص بك
web-about-decoder = أداة شرح التقرير، التي تشرح الكلمات الواردة في تقريرك أنت، موجودة في تطبيق ScanWise فقط. لا يغادر نص التقرير جهازك أبدًا، لذلك لا يطلبه هذا الموقع. قائمة كلمات التقارير تشرح الكلمات نفسها.
web-about-privacy-title = الخصوصية
web-about-privacy = لا توجد في هذا الموقع حسابات ولا ملفات تعريف ارتباط ولا تتبّع ولا إعلانات. ولا يحمّل أي شيء من مواقع أخرى.
web-about-licence-title = التراخيص
web-about-review = الصفحات التي لم يراجعها أي طبيب بعد تقول ذلك في أعلاها.
web-region-NO = النرويج
web-region-SE = السويد
web-region-DK = الدنمارك
web-region-GB = المملكة المتحدة
web-region-IE = أيرلندا
web-region-PL = بولندا
web-region-US = الولايات المتحدة
web-region-CA = كندا
web-region-AU = أستراليا

## ما تضيفه البرمجة النصية: روابط العيادة (`open/`)، البحث، الحفظ بدون إنترنت، البلد الذي اخترته.

web-open-needs-script = اختارت لك عيادتك بعض الصفحات عبر هذا الرابط. لعرضها، يجب تشغيل JavaScript في المتصفح. يمكنك أيضًا اختيار لغتك والعثور على الصفحات في الصفحة الرئيسية.
web-open-lede = اختارت عيادتك هذه الصفحات لك. بعد فتحها، تعمل أيضًا بدون إنترنت.
web-open-in-app = افتح في تطبيق ScanWise
web-open-in-app-hint = (فقط إذا كان التطبيق على هذا الجهاز)
web-search-all = كل الصفحات وكلمات التقارير
web-search-all-lede = كل ما في هذا الموقع، مرتبًا حسب الحروف.
web-search-results =
    { $count ->
        [zero] لا توجد نتائج.
        [one] نتيجة واحدة.
        [two] نتيجتان.
        [few] { $count } نتائج.
        [many] { $count } نتيجة.
       *[other] { $count } نتيجة.
    }
web-offline-save = احفظ كل الصفحات بهذه اللغة على هذا الجهاز
web-offline-saving = جارٍ حفظ الصفحات…
web-offline-saved = تم. تُفتح هذه الصفحات الآن بدون إنترنت.
web-offline-failed = لم تُحفظ كل الصفحات. حاول مرة أخرى عند الاتصال بالإنترنت.
web-help-my-region = بلدك (محفوظ على هذا الجهاز فقط):
web-about-offline = تُحفظ الصفحات التي تفتحها في هذا المتصفح، لتُفتح مرة أخرى بدون إنترنت. إذا اخترت بلدًا في «اطلب المساعدة الآن»، يتذكره هذا المتصفح. لا يُرسَل أي شيء إلى أي مكان.
