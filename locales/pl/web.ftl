## Wydanie internetowe (`scanwise site`; crates/site): teksty potrzebne tylko stronie.

web-languages-title = ScanWise: wybierz język
web-nav-about = O nas
web-glossary-title = Słowa w opisach badań obrazowych
web-glossary-lede = Co znaczą słowa w opisach badań obrazowych, prostym językiem.
web-glossary-area-spine = Plecy i szyja
web-glossary-area-knee = Kolano
web-glossary-area-shoulder = Bark
web-glossary-area-joint = Każdy staw
web-glossary-area-general = Słowa używane w każdym opisie
web-glossary-in-app = Aby objaśnić słowa z własnego opisu, użyj aplikacji ScanWise. Tekst opisu zostaje na Twoim urządzeniu: ta strona nigdy o niego nie prosi.
web-myth-show = Pokaż odpowiedź
web-questions-print = Wydrukuj tę stronę i zabierz ją na wizytę.
web-questions-both = Obok siebie z innym językiem:
web-questions-tick = Zapytać
web-checker-start = Zacznij od nowa
web-checker-choose-area = Aby zacząć, wybierz, gdzie czujesz ból.
web-checker-privacy = Każda odpowiedź otwiera kolejną stronę tej witryny. Twoje odpowiedzi nie są zapisywane, ale jak w każdej witrynie serwer widzi, które strony zostały otwarte.
web-checker-answered = Udzielone odpowiedzi: { $count }
web-help-numbers-title = Numery według kraju
web-help-country = Kraj
web-help-emergency = Numer alarmowy
web-help-urgent = Pilna pomoc tego samego dnia
web-help-other = Inny kraj: zadzwoń pod lokalny numer alarmowy.
web-about-title = O ScanWise
web-about-lede = ScanWise wyjaśnia prostym językiem, co badania obrazowe mogą, a czego nie mogą pokazać przy bólu pleców, kolana i barku. Te same sprawdzone strony są w aplikacji ScanWise.
web-about-decoder-title = Twój własny opis badania
web-about-decoder = Objaśniacz opisów, który tłumaczy słowa z Twojego własnego opisu, jest tylko w aplikacji ScanWise. Tekst opisu nigdy nie opuszcza Twojego urządzenia, więc ta strona o niego nie prosi. Lista słów z opisów objaśnia te same słowa.
web-about-privacy-title = Prywatność
web-about-privacy = Ta strona nie ma kont, plików cookie, śledzenia ani reklam. Nie pobiera niczego z innych stron.
web-about-licence-title = Licencje
web-about-review = Strony, których nie sprawdził jeszcze żaden klinicysta, mówią o tym na górze.
web-region-NO = Norwegia
web-region-SE = Szwecja
web-region-DK = Dania
web-region-GB = Wielka Brytania
web-region-IE = Irlandia
web-region-PL = Polska
web-region-US = Stany Zjednoczone
web-region-CA = Kanada
web-region-AU = Australia

## Co dodaje skrypt: linki z przychodni (`open/`), wyszukiwanie, zapis bez internetu, wybrany kraj.

web-open-needs-script = Link z Twojej przychodni wskazuje kilka stron. Aby je pokazać, ta strona potrzebuje włączonego JavaScriptu. Możesz też wybrać język i znaleźć te strony na stronie głównej.
web-open-lede = Twoja przychodnia wybrała dla Ciebie te strony. Po otwarciu działają też bez internetu.
web-open-in-app = Otwórz w aplikacji ScanWise
web-open-in-app-hint = (tylko jeśli aplikacja jest na tym urządzeniu)
web-search-all = Wszystkie strony i słowa z opisów badań
web-search-all-lede = Wszystko na tej stronie, od A do Z.
web-search-results =
    { $count ->
        [one] Jeden wynik.
        [few] { $count } wyniki.
        [many] { $count } wyników.
       *[other] { $count } wyniku.
    }
web-offline-save = Zapisz wszystkie strony w tym języku na tym urządzeniu
web-offline-saving = Zapisywanie stron…
web-offline-saved = Gotowe. Te strony otwierają się teraz bez internetu.
web-offline-failed = Nie wszystkie strony zostały zapisane. Spróbuj ponownie, gdy będziesz w sieci.
web-help-my-region = Twój kraj (zapamiętany tylko na tym urządzeniu):
web-about-offline = Otwierane strony są przechowywane w tej przeglądarce, więc otworzą się ponownie bez internetu. Jeśli wybierzesz kraj w „Pomoc teraz”, przeglądarka go zapamięta. Nic nie jest nigdzie wysyłane.
