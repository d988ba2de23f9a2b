## Tools: the checker, the report decoder, my questions.

checker-title = Do I need a scan?
checker-lede = Answer a few questions. First we ask about every warning sign for your pain, then about the reasons for a scan.
checker-which-area = Where is your pain?
checker-red-flag = Warning sign:
checker-your-answers = Your answers
checker-save-questions = Add these questions to my list
checker-restart = Start again
checker-keep-going = Please do not wait. If you can, answer the warning-sign questions below too, and tell the people who see you.
checker-what-you-told-us = What you told us:
checker-signs-asked =
    { $count ->
        [one] This check asked about { $count } warning sign
       *[other] This check asked about { $count } warning signs
    }
checker-help-screen = See every warning sign on the Get help now screen
answer-yes = Yes
answer-no = No
answer-not_sure = Not sure

decoder-title = What do the words in my report mean?
decoder-lede = Paste or type words from your scan report. We explain each word we know in plain language.
decoder-private = Your report text stays on this device. It is not saved or sent anywhere.
decoder-paste = Report text
decoder-explain = Explain the words
decoder-your-report = Your report
decoder-nothing = We did not recognise any words. Ask the person who ordered the scan to explain the report.
decoder-found = Words in your report
decoder-not-found = Not found
decoder-not-found-lede = The report says these were looked for and not found.
decoder-absent-badge = not found
decoder-read-more = Read more about this
decoder-chart-title = How common is this in people without pain?
decoder-age = Your age
decoder-remember-age = Remember my age on this device
decoder-age-prompt = Enter your age to see how common each finding is in people your age who have no pain.
decoder-percent-without-pain = About { $percent } in 100 people aged { $from } to { $to } without pain have this.
decoder-no-figure-for-age = We have no figure for your age group.
decoder-chart-source = These numbers come from studies of people with no pain. They cannot tell you the cause of your pain.

questions-title = My questions
questions-lede = Questions to take to your appointment. You can show them in your language and in your clinician's language.
questions-second-language = Also show in
questions-no-second = Only my language
questions-empty = Your list is empty. Add questions below, from the pages, or from the checker.
questions-actions = Actions
questions-remove = Remove
questions-own = Write your own question
questions-print = Print my questions
questions-suggestions = Suggested questions

# Report decoder: serious words and body area (issue 11)
decoder-area = Body part the report is about
decoder-area-auto = Work it out from the report
decoder-area-spine = Back or neck
decoder-area-knee = Knee
decoder-area-shoulder = Shoulder
decoder-read-as-spine = We read this report as a report about the back or neck.
decoder-read-as-knee = We read this report as a report about the knee.
decoder-read-as-shoulder = We read this report as a report about the shoulder.
decoder-read-as-joint = We read this report as a report about a joint.
decoder-read-as-general = We read this report as a general report.
decoder-serious-title = Talk to your clinician soon
decoder-serious-lede = Your report uses words that need to be talked about soon with the clinician who ordered your scan. Do not wait for a routine appointment.
decoder-serious-discuss = Talk about this soon with the clinician who ordered your scan.
decoder-serious-urgent = The report itself says this is urgent. If you cannot reach your clinician today, use these numbers.
