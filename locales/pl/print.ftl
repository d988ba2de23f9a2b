## Drukowane plakaty i ulotki (`scanwise poster`, `scanwise handout`; crates/print).

print-poster-title = Czy potrzebujesz badania obrazowego?
print-poster-subtitle = Ból pleców, kolana lub barku: co badanie obrazowe może, a czego nie może pokazać.
print-poster-pages = Strony wybrane dla Ciebie:
print-poster-scan = Zeskanuj kod aparatem telefonu, aby otworzyć te strony w ScanWise.
print-poster-web = Nie potrzebujesz aplikacji: kod otworzy te strony w przeglądarce telefonu. Po otwarciu działają też bez internetu.
print-poster-app-needed = Kod otwiera bezpłatną aplikację ScanWise.
print-poster-open-checker = Zaczyna się od testu „Czy potrzebuję badania obrazowego?”.
print-poster-open-questions = Zaczyna się od pytań o badanie obrazowe.
print-poster-privacy = Działa bez internetu. Nic, co czytasz, nie jest nigdzie wysyłane.
print-handout-not-advice = To ogólne informacje, a nie diagnoza. Jeśli się martwisz lub czujesz się bardzo źle, szukaj pomocy teraz.
print-handout-key-points = Najważniejsze informacje
print-handout-questions = Pytania, które możesz zadać
print-handout-references = Źródła
print-handout-review-draft = Jeszcze niesprawdzone przez lekarza.
print-handout-review-done = Sprawdzone przez: { $reviewer }, { $date }.
print-handout-next-review = Następny przegląd: { $date }.
print-handout-translated = Przetłumaczono { $date }.
print-handout-stale = Tekst angielski zmienił się po przygotowaniu tego tłumaczenia. Może być nieaktualne.
print-handout-questions-title = Pytania o badanie obrazowe
print-handout-questions-intro = Zaznacz pytania, które chcesz zadać. Zabierz tę kartkę na wizytę.
print-handout-own-questions = Moje własne pytania
print-handout-online = Przeczytaj to w internecie na dowolnym telefonie: zeskanuj kod lub wpisz adres.
print-handout-licence = Tekst projektu ScanWise na licencji CC BY 4.0 (creativecommons.org/licenses/by/4.0). Możesz go kopiować i zmieniać, jeśli podasz źródło.
print-handout-page = Strona { $page } z { $pages }
