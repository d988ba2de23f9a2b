## Linki od kliniki, „udostępnij te strony”, tryb kiosku.

link-title = Strony od Twojej kliniki
link-lede = Twoja klinika wybrała dla Ciebie te strony. Działają bez internetu.
link-modules = Strony do przeczytania
link-notice-title = Części linku nie można było użyć:
link-too-long = Link jest za długi, aby był linkiem ScanWise, więc nic z niego nie otwarto.
link-not-a-prescription = To nie jest link ScanWise, więc nic z niego nie otwarto.
link-empty = Link nie wskazuje żadnych stron.
link-unknown-language = Link prosi o język, którego aplikacja nie ma, więc używany jest Twój język.
link-unknown-tool = Link prosi o narzędzie, którego aplikacja nie ma.
link-invalid-module-ids =
    { $count ->
        [one] Jedna pozycja w linku nie jest nazwą strony.
        [few] { $count } pozycje w linku nie są nazwami stron.
        [many] { $count } pozycji w linku nie jest nazwami stron.
       *[other] { $count } pozycji w linku nie jest nazwami stron.
    }
link-unknown-modules =
    Na tym urządzeniu nie ma (jeszcze) { $count ->
        [one] jednej strony
        [few] { $count } stron
        [many] { $count } stron
       *[other] { $count } strony
    } z linku.
link-too-many-modules =
    Link wskazuje { $given ->
        [one] jedną stronę
        [few] { $given } strony
        [many] { $given } stron
       *[other] { $given } strony
    }; pokazano pierwsze { $kept }.
share-these = Udostępnij te strony
share-qr-alt = Kod QR z linkiem do tych stron
share-scan = Zeskanuj aparatem telefonu albo wpisz ten adres:
kiosk-take-home = Zabierz to do domu
kiosk-done = Skończyłem(-am) (wyczyść moją wizytę)
kiosk-exit = Wyjdź z trybu kiosku
kiosk-pin = PIN personelu
kiosk-wrong-pin = Ten PIN jest nieprawidłowy.
kiosk-cooldown = Zbyt wiele błędnych prób. Odczekaj minutę.
