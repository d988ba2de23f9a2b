## Nettutgaven (`scanwise site`; crates/site): tekster bare nettstedet trenger.

web-languages-title = ScanWise: velg språk
web-nav-about = Om
web-glossary-title = Ord i svar på bildeundersøkelser
web-glossary-lede = Hva ordene i svar på bildeundersøkelser betyr, på vanlig norsk.
web-glossary-area-spine = Rygg og nakke
web-glossary-area-knee = Kne
web-glossary-area-shoulder = Skulder
web-glossary-area-joint = Alle ledd
web-glossary-area-general = Ord som brukes i alle svar
web-glossary-in-app = Vil du få forklart ordene i ditt eget svar, bruk ScanWise-appen. Teksten i svaret blir på din egen enhet: dette nettstedet spør aldri etter den.
web-myth-show = Vis svaret
web-questions-print = Skriv ut denne siden og ta den med til timen.
web-questions-both = Side om side med et annet språk:
web-questions-tick = Spør
web-checker-start = Begynn på nytt
web-checker-choose-area = Velg hvor du har vondt for å begynne.
web-checker-privacy = Hvert svar åpner neste side på dette nettstedet. Svarene dine lagres ikke, men som på alle nettsteder kan serveren se hvilke sider som ble åpnet.
web-checker-answered = Spørsmål besvart: { $count }
web-help-numbers-title = Numre etter land
web-help-country = Land
web-help-emergency = Nødnummer
web-help-urgent = Legevakt samme dag
web-help-other = Annet land: ring det lokale nødnummeret.
web-about-title = Om ScanWise
web-about-lede = ScanWise forklarer på vanlig norsk hva bildeundersøkelser kan og ikke kan vise ved vondt i rygg, kne og skulder. De samme gjennomgåtte sidene finnes i ScanWise-appen.
web-about-decoder-title = Ditt eget svar
web-about-decoder = Ordforklareren, som forklarer ordene i ditt eget svar, finnes bare i ScanWise-appen. Teksten i svaret forlater aldri enheten din, så dette nettstedet spør ikke etter den. Listen over ord i svar forklarer de samme ordene.
web-about-privacy-title = Personvern
web-about-privacy = Dette nettstedet har ingen kontoer, ingen informasjonskapsler, ingen sporing og ingen reklame. Det henter ingenting fra andre nettsteder.
web-about-licence-title = Lisenser
web-about-review = Sider som ingen kliniker har gått gjennom ennå, sier det øverst.
web-region-NO = Norge
web-region-SE = Sverige
web-region-DK = Danmark
web-region-GB = Storbritannia
web-region-IE = Irland
web-region-PL = Polen
web-region-US = USA
web-region-CA = Canada
web-region-AU = Australia

## Det skript legger til: reseptlenker (`open/`), søk, lagring uten nett, landet du valgte.

web-open-needs-script = Lenken fra legekontoret ditt viser til noen sider. For å vise dem må JavaScript være slått på. Du kan også velge språk og finne sidene på forsiden.
web-open-lede = Legekontoret ditt har valgt disse sidene for deg. Når du har åpnet dem, virker de også uten internett.
web-open-in-app = Åpne i ScanWise-appen
web-open-in-app-hint = (bare hvis appen er på denne enheten)
web-search-all = Alle sider og ord fra svar
web-search-all-lede = Alt på dette nettstedet, fra A til Å.
web-search-results =
    { $count ->
        [one] Ett treff.
       *[other] { $count } treff.
    }
web-offline-save = Lagre alle sidene på dette språket på denne enheten
web-offline-saving = Lagrer sidene …
web-offline-saved = Ferdig. Nå åpnes disse sidene uten internett.
web-offline-failed = Ikke alle sidene ble lagret. Prøv igjen når du er på nett.
web-help-my-region = Ditt land (huskes bare på denne enheten):
web-about-offline = Sider du åpner, blir lagret i denne nettleseren. Da kan du åpne dem igjen uten internett. Hvis du velger et land under «Få hjelp nå», husker nettleseren det. Ingenting blir sendt noe sted.
