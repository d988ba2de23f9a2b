## Resept-lenker, «del disse sidene», kioskmodus.

link-title = Sider fra klinikken din
link-lede = Klinikken din har valgt disse sidene for deg. De virker uten internett.
link-modules = Sider å lese
link-notice-title = Deler av lenken kunne ikke brukes:
link-too-long = Lenken er for lang til å være en ScanWise-lenke, så ingenting i den ble åpnet.
link-not-a-prescription = Dette er ikke en ScanWise-lenke, så ingenting i den ble åpnet.
link-empty = Lenken nevner ingen sider.
link-unknown-language = Lenken ber om et språk appen ikke har, så ditt eget språk brukes.
link-unknown-tool = Lenken ber om et verktøy appen ikke har.
link-invalid-module-ids =
    { $count ->
        [one] Én oppføring i lenken er ikke et sidenavn.
       *[other] { $count } oppføringer i lenken er ikke sidenavn.
    }
link-unknown-modules =
    { $count ->
        [one] Én side i lenken finnes ikke på denne enheten (ennå).
       *[other] { $count } sider i lenken finnes ikke på denne enheten (ennå).
    }
link-too-many-modules = Lenken nevner { $given } sider; de første { $kept } vises.
share-these = Del disse sidene
share-qr-alt = QR-kode med lenken til disse sidene
share-scan = Skann med mobilkameraet, eller skriv inn denne adressen:
kiosk-take-home = Ta med hjem
kiosk-done = Jeg er ferdig (slett besøket mitt)
kiosk-exit = Avslutt kioskmodus
kiosk-pin = PIN for ansatte
kiosk-wrong-pin = PIN-koden er feil.
kiosk-cooldown = For mange feil forsøk. Vent et minutt.
