## Powłoka aplikacji: nagłówek, nawigacja, pierwsze uruchomienie, ustawienia, „Pomoc teraz”.

app-name = ScanWise
skip-to-content = Przejdź do treści
help-now = Pomoc teraz
nav-label = Menu główne
nav-home = Start
nav-checker = Czy potrzebuję badania obrazowego?
nav-decoder = Słowa z opisu
nav-questions = Moje pytania
nav-search = Szukaj
nav-settings = Ustawienia
footer-not-diagnosis = ScanWise przekazuje informacje, a nie diagnozę. Jeśli coś Cię niepokoi, porozmawiaj z lekarzem lub fizjoterapeutą.
footer-licence = Kod: MIT lub Apache-2.0. Treści: CC BY 4.0.
loading = Wczytywanie…
error-not-found = Nie znaleźliśmy tej strony.
error-generic = Coś poszło nie tak. Spróbuj ponownie.

first-run-title = Witaj w ScanWise
first-run-not-diagnosis = Ta aplikacja przekazuje informacje, a nie diagnozę. Nie powie Ci, co Ci dolega. Jeśli coś Cię niepokoi, porozmawiaj z lekarzem lub fizjoterapeutą.
first-run-choose-language = Wybierz język
first-run-privacy = Wszystko zostaje na tym urządzeniu. Nie potrzebujesz konta i nic nie jest nigdzie wysyłane.
first-run-continue = Dalej

settings-title = Ustawienia
settings-language = Język
settings-fallback = Jeśli strona nie jest jeszcze dostępna w Twoim języku, pokażemy ją w: { $chain }
settings-region = Kraj lub region (numery alarmowe)
settings-text-size = Wielkość tekstu
settings-theme = Kolory
theme-system = Jak w moim urządzeniu
theme-light = Jasne
theme-dark = Ciemne
theme-high_contrast = Wysoki kontrast
settings-reduced-motion = Ogranicz animacje
settings-updates = Aktualizacje treści
settings-updates-on = Sprawdzaj nowe i zaktualizowane strony
settings-updates-none = Nie zainstalowano żadnych aktualizacji. Czytasz treści dołączone do aplikacji.
settings-updates-verified = Treści ostatnio sprawdzono { $date }.
settings-updates-failed = Nie udało się sprawdzić aktualizacji. Aplikacja działa dalej z obecnymi treściami.
settings-updates-ready = Nowe treści są gotowe. Zobaczysz je po przejściu do ekranu głównego.
settings-updates-added = Nowe: { $title }
settings-updates-updated = Zaktualizowane: { $title }
settings-updates-removed = Usunięte: { $title }
settings-about = O aplikacji
settings-privacy = ScanWise nie ma kont ani śledzenia. To, co wpisujesz, na przykład tekst opisu badania, nigdy nie opuszcza tego urządzenia.
settings-version = Wersja { $version }
region-default = Inny kraj

help-title = Pomoc teraz
help-call-now = Zadzwoń teraz, jeśli potrzebujesz pilnej pomocy
help-emergency = Numer alarmowy:
help-urgent = Pilna pomoc tego samego dnia:
help-local-number = Zadzwoń pod lokalny numer alarmowy.
help-region = Numery dla: { $region }.
help-change-region = Zmień kraj
help-signs-lede = To te same objawy, o które pyta test „Czy potrzebuję badania obrazowego?”. Jeśli nie masz pewności, czy objaw Cię dotyczy, i tak poproś o pomoc.
help-signs-emergency = Zadzwoń teraz na numer alarmowy, jeśli masz ból i którykolwiek z tych objawów:
help-signs-urgent = Zgłoś się do lekarza tego samego dnia, jeśli masz ból i którykolwiek z tych objawów:
help-signs-soon = Zgłoś się do lekarza w ciągu kilku dni, jeśli masz ból i którykolwiek z tych objawów:
help-read-safety = Kiedy badanie obrazowe jest potrzebne: objawy alarmowe
help-checker = Sprawdź swoje objawy, odpowiadając na pytania
language-native-name = Polski

# Podpisany kanał treści (issue 15): pytanie przed pierwszym połączeniem, uszkodzony zapis aktualizacji.
first-run-updates-what = Aby to sprawdzić, aplikacja tylko pobiera podpisane strony z serwera aktualizacji ScanWise i nie wysyła niczego o Tobie.
updates-damaged = Zapis aktualizacji na tym urządzeniu był uszkodzony. Czytasz ostatnią sprawdzoną treść, a następne sprawdzenie aktualizacji naprawi ten zapis.
