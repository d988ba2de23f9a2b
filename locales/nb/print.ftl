## Utskrevne plakater og ark (`scanwise poster`, `scanwise handout`; crates/print).

print-poster-title = Trenger du et bilde?
print-poster-subtitle = Vondt i rygg, kne eller skulder: hva et bilde kan og ikke kan vise.
print-poster-pages = Sider valgt for deg:
print-poster-scan = Skann koden med mobilkameraet for å åpne disse sidene i ScanWise.
print-poster-web = Du trenger ingen app: Koden åpner sidene i nettleseren på mobilen. Når du har åpnet dem, virker de også uten nett.
print-poster-app-needed = Koden åpner den gratis ScanWise-appen.
print-poster-open-checker = Starter med sjekken «Trenger jeg et bilde?».
print-poster-open-questions = Starter med spørsmål du kan stille om bilder.
print-poster-privacy = Virker uten nett. Ingenting du leser, blir sendt noe sted.
print-handout-not-advice = Dette er generell informasjon, ikke en diagnose. Er du bekymret eller føler deg veldig dårlig, søk hjelp nå.
print-handout-key-points = Viktige punkter
print-handout-questions = Spørsmål du kan stille
print-handout-references = Kilder
print-handout-review-draft = Ikke gjennomgått av helsepersonell ennå.
print-handout-review-done = Gjennomgått av { $reviewer } { $date }.
print-handout-next-review = Neste gjennomgang { $date }.
print-handout-translated = Oversatt { $date }.
print-handout-stale = Den engelske teksten er endret etter at denne oversettelsen ble laget. Den kan være utdatert.
print-handout-questions-title = Spørsmål å stille om bildeundersøkelser
print-handout-questions-intro = Kryss av for spørsmålene du vil stille. Ta med arket til timen.
print-handout-own-questions = Mine egne spørsmål
print-handout-online = Les dette på nett, på hvilken som helst mobil: Skann koden eller skriv inn adressen.
print-handout-licence = Tekst fra ScanWise-prosjektet, lisensiert CC BY 4.0 (creativecommons.org/licenses/by/4.0). Du kan kopiere og bearbeide den hvis du oppgir kilden.
print-handout-page = Side { $page } av { $pages }
