## Prescription links, "share these modules", kiosk mode.

link-title = Pages from your clinic
link-lede = Your clinic chose these pages for you. They work without the internet.
link-modules = Pages to read
link-notice-title = Part of the link could not be used:
link-too-long = The link is too long to be a ScanWise link, so nothing in it was opened.
link-not-a-prescription = This is not a ScanWise link, so nothing in it was opened.
link-empty = The link does not name any pages.
link-unknown-language = The link asks for a language this app does not have, so your own language is used.
link-unknown-tool = The link asks for a tool this app does not have.
link-invalid-module-ids =
    { $count ->
        [one] One entry in the link is not a page name.
       *[other] { $count } entries in the link are not page names.
    }
link-unknown-modules =
    { $count ->
        [one] One page in the link is not on this device (yet).
       *[other] { $count } pages in the link are not on this device (yet).
    }
link-too-many-modules = The link names { $given } pages; the first { $kept } are shown.
share-these = Share these pages
share-qr-alt = QR code of the link to these pages
share-scan = Scan with a phone camera, or type this address:
kiosk-take-home = Take this home
kiosk-done = I am done (clear my visit)
kiosk-exit = Leave kiosk mode
kiosk-pin = Staff PIN
kiosk-wrong-pin = That PIN is not right.
kiosk-cooldown = Too many wrong tries. Please wait a minute.
