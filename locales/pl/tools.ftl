## Narzędzia: pytania, objaśnianie opisu badania, moje pytania.

checker-title = Czy potrzebuję badania obrazowego?
checker-lede = Odpowiedz na kilka pytań. Najpierw pytamy o wszystkie objawy alarmowe przy Twoim bólu, a potem o powody, by zrobić badanie obrazowe.
checker-which-area = Gdzie czujesz ból?
checker-red-flag = Objaw alarmowy:
checker-your-answers = Twoje odpowiedzi
checker-save-questions = Dodaj te pytania do mojej listy
checker-restart = Zacznij od nowa
checker-keep-going = Nie czekaj. Jeśli możesz, odpowiedz też na pytania o objawy alarmowe poniżej i powiedz o nich osobom, które Cię zbadają.
checker-what-you-told-us = Zaznaczone objawy:
checker-signs-asked =
    { $count ->
        [one] Ten test pytał o { $count } objaw alarmowy
        [few] Ten test pytał o { $count } objawy alarmowe
        [many] Ten test pytał o { $count } objawów alarmowych
       *[other] Ten test pytał o { $count } objawu alarmowego
    }
checker-help-screen = Zobacz wszystkie objawy alarmowe na ekranie „Pomoc teraz”
answer-yes = Tak
answer-no = Nie
answer-not_sure = Nie wiem

decoder-title = Co znaczą słowa w moim opisie badania?
decoder-lede = Wklej lub wpisz słowa z opisu badania. Każde znane nam słowo wyjaśnimy prostym językiem.
decoder-private = Tekst opisu zostaje na tym urządzeniu. Nie jest zapisywany ani nigdzie wysyłany.
decoder-paste = Tekst opisu
decoder-explain = Wyjaśnij słowa
decoder-your-report = Twój opis
decoder-nothing = Nie rozpoznaliśmy żadnych słów. Poproś osobę, która zleciła badanie, o wyjaśnienie opisu.
decoder-found = Słowa w Twoim opisie
decoder-not-found = Nie stwierdzono
decoder-not-found-lede = Opis mówi, że tego szukano i nie stwierdzono.
decoder-absent-badge = nie stwierdzono
decoder-read-more = Przeczytaj więcej
decoder-chart-title = Jak często występuje to u osób bez bólu?
decoder-age = Twój wiek
decoder-remember-age = Zapamiętaj mój wiek na tym urządzeniu
decoder-age-prompt = Podaj swój wiek, aby zobaczyć, jak często każdy wynik występuje u osób w Twoim wieku, które nie odczuwają bólu.
decoder-percent-without-pain = Ma to około { $percent } na 100 osób w wieku od { $from } do { $to } lat bez bólu.
decoder-no-figure-for-age = Nie mamy danych dla Twojej grupy wiekowej.
decoder-chart-source = Te liczby pochodzą z badań osób bez bólu. Nie mówią, co jest przyczyną Twojego bólu.

questions-title = Moje pytania
questions-lede = Pytania na wizytę. Możesz je pokazać w swoim języku i w języku lekarza lub fizjoterapeuty.
questions-second-language = Pokaż także w języku
questions-no-second = Tylko mój język
questions-empty = Lista jest pusta. Dodaj pytania tutaj, ze stron albo z pytań o badanie obrazowe.
questions-actions = Działania
questions-remove = Usuń
questions-own = Wpisz własne pytanie
questions-print = Drukuj moje pytania
questions-suggestions = Proponowane pytania

# Objaśnianie opisu: poważne słowa i część ciała (zgłoszenie 11)
decoder-area = Część ciała, której dotyczy opis
decoder-area-auto = Ustal na podstawie opisu
decoder-area-spine = Plecy lub szyja
decoder-area-knee = Kolano
decoder-area-shoulder = Bark
decoder-read-as-spine = Odczytaliśmy ten opis jako opis pleców lub szyi.
decoder-read-as-knee = Odczytaliśmy ten opis jako opis kolana.
decoder-read-as-shoulder = Odczytaliśmy ten opis jako opis barku.
decoder-read-as-joint = Odczytaliśmy ten opis jako opis stawu.
decoder-read-as-general = Odczytaliśmy ten opis jako opis ogólny.
decoder-serious-title = Porozmawiaj wkrótce z lekarzem
decoder-serious-lede = Twój opis zawiera słowa, które trzeba wkrótce omówić z lekarzem, który zlecił badanie. Nie czekaj na rutynową wizytę.
decoder-serious-discuss = Porozmawiaj o tym wkrótce z lekarzem, który zlecił badanie.
decoder-serious-urgent = Sam opis mówi, że to pilne. Jeśli nie możesz dziś skontaktować się z lekarzem, użyj tych numerów.
