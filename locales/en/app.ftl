## The app shell: header, navigation, first run, settings, "get help now".

app-name = ScanWise
skip-to-content = Skip to content
help-now = Get help now
nav-label = Main
nav-home = Home
nav-checker = Do I need a scan?
nav-decoder = Report words
nav-questions = My questions
nav-search = Search
nav-settings = Settings
footer-not-diagnosis = ScanWise gives information, not a diagnosis. If you are worried, talk to a doctor or physiotherapist.
footer-licence = Code: MIT or Apache-2.0. Content: CC BY 4.0.
loading = Loading…
error-not-found = We could not find this page.
error-generic = Something went wrong. Please try again.

first-run-title = Welcome to ScanWise
first-run-not-diagnosis = This app is information, not a diagnosis. It cannot tell you what is wrong. If you are worried, talk to a doctor or physiotherapist.
first-run-choose-language = Choose your language
first-run-privacy = Everything stays on this device. There is no account and nothing is sent anywhere.
first-run-continue = Continue

settings-title = Settings
settings-language = Language
settings-fallback = If a page is not ready in your language, we show it in: { $chain }
settings-region = Country or region (for emergency numbers)
settings-text-size = Text size
settings-theme = Colours
theme-system = Same as my device
theme-light = Light
theme-dark = Dark
theme-high_contrast = High contrast
settings-reduced-motion = Reduce motion
settings-updates = Content updates
settings-updates-on = Check for new and updated pages
settings-updates-none = No updates have been installed. You are reading the content that came with the app.
settings-updates-verified = Content last verified on { $date }.
settings-updates-failed = Could not check for updates. The app keeps working with the content it has.
settings-updates-ready = New content is ready. You will see it when you go to the home screen.
settings-updates-added = New: { $title }
settings-updates-updated = Updated: { $title }
settings-updates-removed = Removed: { $title }
settings-about = About
settings-privacy = ScanWise has no accounts and no tracking. What you type, such as report text, never leaves this device.
settings-version = Version { $version }
region-default = Other country

help-title = Get help now
help-call-now = Call now if you need urgent help
help-emergency = Emergency:
help-urgent = Urgent care, same day:
help-local-number = Call your local emergency number.
help-region = Numbers for: { $region }.
help-change-region = Change country
help-signs-lede = These are the same signs the "Do I need a scan?" check asks about. If you are not sure whether a sign counts, get help anyway.
help-signs-emergency = Call your emergency number now if you have pain and any of these:
help-signs-urgent = See a doctor the same day if you have pain and any of these:
help-signs-soon = See a doctor within a few days if you have pain and any of these:
help-read-safety = When a scan is needed: the warning signs
help-checker = Check your symptoms with the questions
language-native-name = English

# Signed content channel (issue 15): asking before the first request, damaged update record.
first-run-updates-what = To check, the app only downloads signed pages from the ScanWise update server, and it sends nothing about you.
updates-damaged = The update record on this device was damaged. You are reading the last content that was checked, and the next update check will repair the record.
