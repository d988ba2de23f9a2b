## Appskallet: topptekst, navigasjon, første oppstart, innstillinger, «få hjelp nå».

app-name = ScanWise
skip-to-content = Gå til innholdet
help-now = Få hjelp nå
nav-label = Hovedmeny
nav-home = Hjem
nav-checker = Trenger jeg et bilde?
nav-decoder = Ord i svaret
nav-questions = Mine spørsmål
nav-search = Søk
nav-settings = Innstillinger
footer-not-diagnosis = ScanWise gir informasjon, ikke en diagnose. Er du bekymret, snakk med en lege eller fysioterapeut.
footer-licence = Kode: MIT eller Apache-2.0. Innhold: CC BY 4.0.
loading = Laster …
error-not-found = Vi fant ikke denne siden.
error-generic = Noe gikk galt. Prøv igjen.

first-run-title = Velkommen til ScanWise
first-run-not-diagnosis = Denne appen gir informasjon, ikke en diagnose. Den kan ikke si hva som er galt. Er du bekymret, snakk med en lege eller fysioterapeut.
first-run-choose-language = Velg språk
first-run-privacy = Alt blir på denne enheten. Du trenger ingen konto, og ingenting sendes noe sted.
first-run-continue = Fortsett

settings-title = Innstillinger
settings-language = Språk
settings-fallback = Hvis en side ikke finnes på ditt språk ennå, viser vi den på: { $chain }
settings-region = Land eller region (for nødnumre)
settings-text-size = Tekststørrelse
settings-theme = Farger
theme-system = Som på enheten min
theme-light = Lyst
theme-dark = Mørkt
theme-high_contrast = Høy kontrast
settings-reduced-motion = Mindre bevegelse
settings-updates = Oppdateringer av innholdet
settings-updates-on = Se etter nye og oppdaterte sider
settings-updates-none = Ingen oppdateringer er installert. Du leser innholdet som fulgte med appen.
settings-updates-verified = Innholdet ble sist kontrollert { $date }.
settings-updates-failed = Kunne ikke se etter oppdateringer. Appen fungerer videre med innholdet den har.
settings-updates-ready = Nytt innhold er klart. Du ser det når du går til startsiden.
settings-updates-added = Ny: { $title }
settings-updates-updated = Oppdatert: { $title }
settings-updates-removed = Fjernet: { $title }
settings-about = Om appen
settings-privacy = ScanWise har ingen kontoer og ingen sporing. Det du skriver, for eksempel tekst fra et svar, forlater aldri denne enheten.
settings-version = Versjon { $version }
region-default = Et annet land

help-title = Få hjelp nå
help-call-now = Ring nå hvis du trenger hjelp raskt
help-emergency = Nødnummer:
help-urgent = Legevakt, samme dag:
help-local-number = Ring det lokale nødnummeret.
help-region = Numre for: { $region }.
help-change-region = Bytt land
help-signs-lede = Dette er de samme tegnene som sjekken «Trenger jeg et bilde?» spør om. Er du usikker på om et tegn gjelder deg, søk hjelp likevel.
help-signs-emergency = Ring nødnummeret nå hvis du har smerter og noe av dette:
help-signs-urgent = Gå til lege samme dag hvis du har smerter og noe av dette:
help-signs-soon = Gå til lege i løpet av noen dager hvis du har smerter og noe av dette:
help-read-safety = Når du trenger et bilde: faresignalene
help-checker = Sjekk symptomene dine med spørsmålene
language-native-name = Norsk bokmål

# Signert innholdskanal (issue 15): spør før første forespørsel, skadet oppdateringslogg.
first-run-updates-what = For å sjekke laster appen bare ned signerte sider fra oppdateringsserveren til ScanWise, og den sender ingenting om deg.
updates-damaged = Oppdateringsloggen på denne enheten var skadet. Du leser det siste innholdet som ble kontrollert, og neste oppdateringssjekk reparerer loggen.
