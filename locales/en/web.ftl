## The web edition (`scanwise site`; crates/site): strings only the website needs. Everything
## else on the website comes from app.ftl, content.ftl and tools.ftl, as in the app.

web-languages-title = ScanWise: choose your language
web-nav-about = About
web-glossary-title = Words in scan reports
web-glossary-lede = What the words in scan reports mean, in plain language.
web-glossary-area-spine = Back and neck
web-glossary-area-knee = Knee
web-glossary-area-shoulder = Shoulder
web-glossary-area-joint = Any joint
web-glossary-area-general = Words used in every report
web-glossary-in-app = To have the words in your own report explained, use the ScanWise app. Your report text stays on your own device: this website never asks for it.
web-myth-show = Show the answer
web-questions-print = Print this page and take it to your appointment.
web-questions-both = Side by side with another language:
web-questions-tick = Ask
web-checker-start = Start again
web-checker-choose-area = Choose where your pain is to start.
web-checker-privacy = Each answer opens the next page of this website. Your answers are not saved, but like any website, the server can see which pages were opened.
web-checker-answered = Questions answered: { $count }
web-help-numbers-title = Numbers by country
web-help-country = Country
web-help-emergency = Emergency
web-help-urgent = Urgent care, same day
web-help-other = Other country: call your local emergency number.
web-about-title = About ScanWise
web-about-lede = ScanWise explains, in plain language, what scans can and cannot show for back, knee and shoulder pain. The same reviewed pages are in the ScanWise app.
web-about-decoder-title = Your own scan report
web-about-decoder = The report decoder, which explains the words in your own report, is only in the ScanWise app. Report text never leaves your device, so this website does not ask for it. The list of report words explains the same words.
web-about-privacy-title = Privacy
web-about-privacy = This website has no accounts, no cookies, no tracking and no adverts. It loads nothing from any other website.
web-about-licence-title = Licences
web-about-review = Pages that no clinician has reviewed yet say so at the top.
web-region-NO = Norway
web-region-SE = Sweden
web-region-DK = Denmark
web-region-GB = United Kingdom
web-region-IE = Ireland
web-region-PL = Poland
web-region-US = United States
web-region-CA = Canada
web-region-AU = Australia

## Scripts add: prescription links (`open/`), search, offline storage, the remembered country.

web-open-needs-script = Your clinic’s link chose some pages for you. To show them, this page needs JavaScript turned on. You can also choose your language and find the pages on the home page.
web-open-lede = Your clinic chose these pages for you. Once opened, they also work without the internet.
web-open-in-app = Open in the ScanWise app
web-open-in-app-hint = (only if the app is on this device)
web-search-all = All pages and report words
web-search-all-lede = Everything on this website, from A to Z.
web-search-results =
    { $count ->
        [one] One result.
       *[other] { $count } results.
    }
web-offline-save = Keep all pages in this language on this device
web-offline-saving = Saving the pages…
web-offline-saved = Done. These pages now open without the internet.
web-offline-failed = Not all pages were saved. Try again when you are online.
web-help-my-region = Your country (remembered on this device only):
web-about-offline = Pages you open are kept in this browser, so they open again without the internet. If you choose a country on “Get help now”, this browser remembers it. Nothing is sent anywhere.
