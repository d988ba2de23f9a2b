## Lesing: hjem, moduler, søk, ordliste.

home-title = Rygg, kne eller skulder
home-lede = Korte, enkle svar om smerte og bildeundersøkelser. Velg et område på kroppen eller et tema.
home-by-area = Etter område på kroppen
home-by-topic = Etter tema
home-modules = Sider om dette området
home-saved = Lagret til senere
home-checker-cta = Trenger jeg et bilde? Svar på noen spørsmål
home-decoder-cta = Hva betyr ordene i svaret mitt?
area-back = Rygg
area-knee = Kne
area-shoulder = Skulder
area-all = Alle temaer
minutes = { $minutes } min å lese
progress-read =
    { $total ->
        [one] { $read } av { $total } del lest
       *[other] { $read } av { $total } deler lest
    }
progress-label = Hvor mye du har lest
bookmarked = Lagret
bookmark-add = Lagre til senere
bookmark-remove = Fjern fra lagret
fallback-badge = På { $language }
fallback-notice = Denne siden finnes ikke på { $requested } ennå. Den vises på { $shown }.
review-draft = Ikke gjennomgått av helsepersonell ennå.
review-draft-short = Ikke gjennomgått ennå
review-by = Gjennomgått av { $reviewer } { $date }.
key-points = Det viktigste
section-mark-read = Merk som lest
section-read = Lest ✓
myth-title = Myte eller fakta?
myth-answer-myth = Myte
myth-answer-fact = Fakta
myth-right = Riktig!
myth-wrong = Ikke helt.
myth-is-myth = Dette er en myte.
myth-is-fact = Dette stemmer.
module-questions = Spørsmål du kan stille
question-add = Legg til i mine spørsmål
question-added = Lagt til ✓
evidence-title = Hvor dette kommer fra
evidence-review = Faglig gjennomgang
evidence-next-review = Neste gjennomgang
evidence-translated = Oversatt
evidence-languages = Finnes på
evidence-references = Kilder
translation-stale = Den engelske siden er endret etter at denne ble oversatt, så den kan være utdatert.

search-title = Søk
search-label = Søk i sider og ord fra svar
search-button = Søk
search-none = Fant ingenting for «{ $query }».
hit-module = Side
hit-section = Del av en side
hit-concept = Ord fra svar
glossary-also-written = Skrives også: { $words }
