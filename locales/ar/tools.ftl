## الأدوات: الأسئلة، شرح كلمات التقرير، أسئلتي.

checker-title = هل أحتاج إلى تصوير؟
checker-lede = أجب عن بعض الأسئلة. نسأل أولًا عن كل علامات الخطر لألمك، ثم عن أسباب إجراء التصوير.
checker-which-area = أين تشعر بالألم؟
checker-red-flag = علامة تحذيرية:
checker-your-answers = إجاباتك
checker-save-questions = أضف هذه الأسئلة إلى قائمتي
checker-restart = ابدأ من جديد
checker-keep-going = لا تنتظر. إن استطعت، أجب أيضًا عن أسئلة علامات الخطر أدناه، وأخبر من يفحصك بها.
checker-what-you-told-us = ما أخبرتنا به:
checker-signs-asked =
    { $count ->
        [zero] لم يسأل هذا الفحص عن أي علامة خطر
        [one] سأل هذا الفحص عن علامة خطر واحدة
        [two] سأل هذا الفحص عن علامتَي خطر
        [few] سأل هذا الفحص عن { $count } علامات خطر
        [many] سأل هذا الفحص عن { $count } علامةَ خطر
       *[other] سأل هذا الفحص عن { $count } علامة خطر
    }
checker-help-screen = اطّلع على كل علامات الخطر في شاشة «اطلب المساعدة الآن»
answer-yes = نعم
answer-no = لا
answer-not_sure = لست متأكدًا

decoder-title = ماذا تعني الكلمات في تقريري؟
decoder-lede = الصق أو اكتب كلمات من تقرير التصوير. نشرح كل كلمة نعرفها بلغة بسيطة.
decoder-private = يبقى نص تقريرك على هذا الجهاز. لا يُحفَظ ولا يُرسَل إلى أي مكان.
decoder-paste = نص التقرير
decoder-explain = اشرح الكلمات
decoder-your-report = تقريرك
decoder-nothing = لم نتعرّف على أي كلمة. اطلب من الشخص الذي طلب التصوير أن يشرح لك التقرير.
decoder-found = كلمات في تقريرك
decoder-not-found = لم يُعثَر عليه
decoder-not-found-lede = يذكر التقرير أن هذه الأشياء بُحث عنها ولم يُعثَر عليها.
decoder-absent-badge = لم يُعثَر عليه
decoder-read-more = اقرأ المزيد عن هذا
decoder-chart-title = ما مدى شيوع هذا لدى أشخاص لا يشعرون بألم؟
decoder-age = عمرك
decoder-remember-age = تذكّر عمري على هذا الجهاز
decoder-age-prompt = أدخل عمرك لترى مدى شيوع كل نتيجة لدى أشخاص في مثل عمرك لا يشعرون بألم.
decoder-percent-without-pain = نحو { $percent } من كل 100 شخص بين { $from } و{ $to } سنة لا يشعرون بألم لديهم هذا.
decoder-no-figure-for-age = ليست لدينا أرقام لفئتك العمرية.
decoder-chart-source = هذه الأرقام من دراسات على أشخاص لا يشعرون بألم. لا يمكنها أن تخبرك بسبب ألمك.

questions-title = أسئلتي
questions-lede = أسئلة تأخذها معك إلى موعدك. يمكنك عرضها بلغتك وبلغة الطبيب أو المعالج.
questions-second-language = اعرضها أيضًا باللغة
questions-no-second = بلغتي فقط
questions-empty = قائمتك فارغة. أضف أسئلة هنا، أو من الصفحات، أو من أسئلة التصوير.
questions-actions = إجراءات
questions-remove = إزالة
questions-own = اكتب سؤالك الخاص
questions-print = اطبع أسئلتي
questions-suggestions = أسئلة مقترحة

# شرح التقرير: الكلمات الخطيرة وجزء الجسم (المسألة 11)
decoder-area = جزء الجسم الذي يتناوله التقرير
decoder-area-auto = استنتجه من التقرير
decoder-area-spine = الظهر أو الرقبة
decoder-area-knee = الركبة
decoder-area-shoulder = الكتف
decoder-read-as-spine = قرأنا هذا التقرير على أنه عن الظهر أو الرقبة.
decoder-read-as-knee = قرأنا هذا التقرير على أنه عن الركبة.
decoder-read-as-shoulder = قرأنا هذا التقرير على أنه عن الكتف.
decoder-read-as-joint = قرأنا هذا التقرير على أنه عن مفصل.
decoder-read-as-general = قرأنا هذا التقرير على أنه تقرير عام.
decoder-serious-title = تحدث مع طبيبك قريبًا
decoder-serious-lede = يستخدم تقريرك كلمات يجب مناقشتها قريبًا مع الطبيب الذي طلب التصوير. لا تنتظر موعدًا عاديًا.
decoder-serious-discuss = تحدث عن هذا قريبًا مع الطبيب الذي طلب التصوير.
decoder-serious-urgent = التقرير نفسه يقول إن هذا عاجل. إذا لم تستطع الوصول إلى طبيبك اليوم، فاستخدم هذه الأرقام.
