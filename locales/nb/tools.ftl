## Verktøy: spørsmålene, ordforklaring av svaret, mine spørsmål.

checker-title = Trenger jeg et bilde?
checker-lede = Svar på noen spørsmål. Først spør vi om alle faresignaler for smertene dine, så om grunnene til å ta bilder.
checker-which-area = Hvor har du vondt?
checker-red-flag = Faresignal:
checker-your-answers = Svarene dine
checker-save-questions = Legg disse spørsmålene til i listen min
checker-restart = Begynn på nytt
checker-keep-going = Ikke vent. Hvis du kan, svarer du også på spørsmålene om faresignaler under, og forteller det til dem som ser deg.
checker-what-you-told-us = Det du fortalte:
checker-signs-asked =
    { $count ->
        [one] Denne sjekken spurte om { $count } faresignal
       *[other] Denne sjekken spurte om { $count } faresignaler
    }
checker-help-screen = Se alle faresignalene på skjermen «Få hjelp nå»
answer-yes = Ja
answer-no = Nei
answer-not_sure = Usikker

decoder-title = Hva betyr ordene i svaret mitt?
decoder-lede = Lim inn eller skriv ord fra svaret på bildeundersøkelsen. Vi forklarer hvert ord vi kjenner, på enkel norsk.
decoder-private = Teksten blir på denne enheten. Den lagres ikke og sendes ikke noe sted.
decoder-paste = Tekst fra svaret
decoder-explain = Forklar ordene
decoder-your-report = Svaret ditt
decoder-nothing = Vi kjente ikke igjen noen ord. Be den som bestilte undersøkelsen, om å forklare svaret.
decoder-found = Ord i svaret ditt
decoder-not-found = Ikke funnet
decoder-not-found-lede = Svaret sier at dette ble sett etter og ikke funnet.
decoder-absent-badge = ikke funnet
decoder-read-more = Les mer om dette
decoder-chart-title = Hvor vanlig er dette hos folk uten smerter?
decoder-age = Alderen din
decoder-remember-age = Husk alderen min på denne enheten
decoder-age-prompt = Skriv inn alderen din for å se hvor vanlig hvert funn er hos folk på din alder som ikke har vondt.
decoder-percent-without-pain = Omtrent { $percent } av 100 personer mellom { $from } og { $to } år uten smerter har dette.
decoder-no-figure-for-age = Vi har ikke tall for aldersgruppen din.
decoder-chart-source = Tallene kommer fra studier av folk uten smerter. De kan ikke si hva som er årsaken til smertene dine.

questions-title = Mine spørsmål
questions-lede = Spørsmål du kan ta med til timen. Du kan vise dem på ditt språk og på språket til den du skal snakke med.
questions-second-language = Vis også på
questions-no-second = Bare mitt språk
questions-empty = Listen er tom. Legg til spørsmål her, fra sidene eller fra spørsmålene om bildeundersøkelse.
questions-actions = Handlinger
questions-remove = Fjern
questions-own = Skriv ditt eget spørsmål
questions-print = Skriv ut spørsmålene mine
questions-suggestions = Forslag til spørsmål

# Rapportleseren: alvorlige ord og kroppsdel (sak 11)
decoder-area = Kroppsdelen rapporten handler om
decoder-area-auto = Finn det ut fra rapporten
decoder-area-spine = Rygg eller nakke
decoder-area-knee = Kne
decoder-area-shoulder = Skulder
decoder-read-as-spine = Vi leste rapporten som en rapport om ryggen eller nakken.
decoder-read-as-knee = Vi leste rapporten som en rapport om kneet.
decoder-read-as-shoulder = Vi leste rapporten som en rapport om skulderen.
decoder-read-as-joint = Vi leste rapporten som en rapport om et ledd.
decoder-read-as-general = Vi leste rapporten som en generell rapport.
decoder-serious-title = Snakk med behandleren din snart
decoder-serious-lede = Rapporten din bruker ord som må tas opp snart med den som henviste deg til undersøkelsen. Ikke vent til en vanlig time.
decoder-serious-discuss = Snakk om dette snart med den som henviste deg til undersøkelsen.
decoder-serious-urgent = Rapporten sier selv at dette haster. Får du ikke tak i behandleren din i dag, bruk disse numrene.
