## القراءة: الرئيسية، الوحدات، البحث، المسرد.

home-title = ظهرك أو ركبتك أو كتفك
home-lede = إجابات قصيرة وواضحة عن الألم والتصوير. اختر منطقة من الجسم أو موضوعًا.
home-by-area = حسب منطقة الجسم
home-by-topic = حسب الموضوع
home-modules = صفحات عن هذه المنطقة
home-saved = محفوظ لوقت لاحق
home-checker-cta = هل أحتاج إلى تصوير؟ أجب عن بعض الأسئلة
home-decoder-cta = ماذا تعني الكلمات في تقريري؟
area-back = الظهر
area-knee = الركبة
area-shoulder = الكتف
area-all = كل المواضيع
minutes =
    { $minutes ->
        [one] قراءة دقيقة واحدة
        [two] قراءة دقيقتين
        [few] قراءة { $minutes } دقائق
        [many] قراءة { $minutes } دقيقة
       *[other] قراءة { $minutes } دقيقة
    }
progress-read =
    { $total ->
        [one] قرأت { $read } من جزء واحد
        [two] قرأت { $read } من جزأين
        [few] قرأت { $read } من { $total } أجزاء
        [many] قرأت { $read } من { $total } جزءًا
       *[other] قرأت { $read } من { $total } جزء
    }
progress-label = تقدّم القراءة
bookmarked = محفوظ
bookmark-add = احفظ لوقت لاحق
bookmark-remove = أزل من المحفوظات
fallback-badge = باللغة: { $language }
fallback-notice = هذه الصفحة غير متوفرة بعد باللغة { $requested }. نعرضها باللغة { $shown }.
review-draft = لم يراجعها طبيب أو مختص صحي بعد.
review-draft-short = لم تُراجَع بعد
review-by = راجعها { $reviewer } بتاريخ { $date }.
key-points = النقاط الرئيسية
section-mark-read = علّم كمقروء
section-read = مقروء ✓
myth-title = خرافة أم حقيقة؟
myth-answer-myth = خرافة
myth-answer-fact = حقيقة
myth-right = صحيح!
myth-wrong = ليس تمامًا.
myth-is-myth = هذه خرافة.
myth-is-fact = هذه حقيقة.
module-questions = أسئلة يمكنك طرحها
question-add = أضف إلى أسئلتي
question-added = أُضيف ✓
evidence-title = مصدر هذه المعلومات
evidence-review = المراجعة الطبية
evidence-next-review = المراجعة القادمة
evidence-translated = تاريخ الترجمة
evidence-languages = متوفرة باللغات
evidence-references = المصادر
translation-stale = تغيّرت الصفحة الإنجليزية بعد هذه الترجمة، لذلك قد لا تكون محدَّثة.

search-title = بحث
search-label = ابحث في الصفحات وكلمات التقارير
search-button = بحث
search-none = لم نجد شيئًا عن «{ $query }».
hit-module = صفحة
hit-section = جزء من صفحة
hit-concept = كلمة من التقرير
glossary-also-written = تُكتب أيضًا: { $words }
