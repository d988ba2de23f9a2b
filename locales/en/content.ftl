## Reading: home, module reader, search, glossary.

home-title = Your back, knee or shoulder
home-lede = Short, plain answers about pain and scans. Choose a body area or a topic.
home-by-area = By body area
home-by-topic = By topic
home-modules = Pages for this area
home-saved = Saved for later
home-checker-cta = Do I need a scan? Answer a few questions
home-decoder-cta = What do the words in my report mean?
area-back = Back
area-knee = Knee
area-shoulder = Shoulder
area-all = All topics
minutes = { $minutes } min read
progress-read =
    { $total ->
        [one] { $read } of { $total } part read
       *[other] { $read } of { $total } parts read
    }
progress-label = Reading progress
bookmarked = Saved
bookmark-add = Save for later
bookmark-remove = Remove from saved
fallback-badge = In { $language }
fallback-notice = This page is not yet available in { $requested }. It is shown in { $shown }.
review-draft = Not yet reviewed by a clinician.
review-draft-short = Not yet reviewed
review-by = Reviewed by { $reviewer } on { $date }.
key-points = Key points
section-mark-read = Mark as read
section-read = Read ✓
myth-title = Myth or fact?
myth-answer-myth = Myth
myth-answer-fact = Fact
myth-right = Right!
myth-wrong = Not quite.
myth-is-myth = This is a myth.
myth-is-fact = This is a fact.
module-questions = Questions you could ask
question-add = Add to my questions
question-added = Added ✓
evidence-title = Where this comes from
evidence-review = Clinical review
evidence-next-review = Next review
evidence-translated = Translated on
evidence-languages = Available in
evidence-references = Sources
translation-stale = The English page has changed since this translation, so it may be out of date.

search-title = Search
search-label = Search pages and report words
search-button = Search
search-none = Nothing found for “{ $query }”.
hit-module = Page
hit-section = Part of a page
hit-concept = Report word
glossary-also-written = Also written as: { $words }
