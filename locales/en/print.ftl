## Printed posters and handouts (`scanwise poster`, `scanwise handout`; crates/print).
## Placeables are filled in by the print code. Keep lines short: posters use large type.

print-poster-title = Do you need a scan?
print-poster-subtitle = Back, knee or shoulder pain: what a scan can and cannot show.
print-poster-pages = Pages chosen for you:
print-poster-scan = Scan the code with your phone camera to open these pages in ScanWise.
print-poster-web = No app needed: the code opens these pages in your phone’s browser. Once opened, they work offline too.
print-poster-app-needed = The code opens the free ScanWise app.
print-poster-open-checker = Starts with the “Do I need a scan?” checker.
print-poster-open-questions = Starts with the questions to ask about a scan.
print-poster-privacy = Works offline. Nothing you read is sent anywhere.
print-handout-not-advice = This is general information, not a diagnosis. If you are worried or feel very unwell, get help now.
print-handout-key-points = Key points
print-handout-questions = Questions you could ask
print-handout-references = References
print-handout-review-draft = Not yet reviewed by a clinician.
print-handout-review-done = Reviewed by { $reviewer } on { $date }.
print-handout-next-review = Next review due { $date }.
print-handout-translated = Translated on { $date }.
print-handout-stale = The English text has changed since this translation was made. It may be out of date.
print-handout-questions-title = Questions to ask about a scan
print-handout-questions-intro = Tick the questions you want to ask. Take this sheet to your appointment.
print-handout-own-questions = My own questions
print-handout-online = Read this online on any phone: scan the code or type the address.
print-handout-licence = Text by the ScanWise project, licensed CC BY 4.0 (creativecommons.org/licenses/by/4.0). You may copy and adapt it if you name the source.
print-handout-page = Page { $page } of { $pages }
