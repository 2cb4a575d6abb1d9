"""Reference data every installation starts with: the agencies the Academy serves, the
Academy's own structure (Rules §16-18, Regulation on the Institute §4), posts (Rules §36) and
class ranks. Loading is idempotent: rows are matched by code and updated."""


from eacademy.org.models import AcademyUnit, Agency, Position

# code, short name, kind, country, (kk, ru, en)
AGENCIES = [
    ("prosecutor", "ГП РК", Agency.Kind.DOMESTIC, "KZ", (
        "Қазақстан Республикасының прокуратура органдары",
        "Органы прокуратуры Республики Казахстан",
        "Prosecutor's Office of the Republic of Kazakhstan")),
    ("anticorruption", "АПК", Agency.Kind.DOMESTIC, "KZ", (
        "Қазақстан Республикасының Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі",
        "Агентство Республики Казахстан по противодействию коррупции",
        "Anti-Corruption Agency of the Republic of Kazakhstan")),
    ("financial-monitoring", "АФМ", Agency.Kind.DOMESTIC, "KZ", (
        "Қазақстан Республикасының Қаржылық мониторинг агенттігі (Экономикалық тергеу қызметі)",
        "Агентство Республики Казахстан по финансовому мониторингу (Служба экономических расследований)",
        "Financial Monitoring Agency of the Republic of Kazakhstan (Economic Investigation Service)")),
    ("internal-affairs", "МВД", Agency.Kind.DOMESTIC, "KZ", (
        "Қазақстан Республикасының Ішкі істер министрлігі",
        "Министерство внутренних дел Республики Казахстан",
        "Ministry of Internal Affairs of the Republic of Kazakhstan")),
    ("legal-statistics", "КПСиСУ", Agency.Kind.DOMESTIC, "KZ", (
        "Бас прокуратураның Құқықтық статистика және арнайы есепке алу жөніндегі комитеті",
        "Комитет по правовой статистике и специальным учетам Генеральной прокуратуры",
        "Committee on Legal Statistics and Special Accounts of the Prosecutor General's Office")),
    ("cis-prosecutors", "КСГП СНГ", Agency.Kind.CIS, "KZ", (
        "ТМД-ға қатысушы мемлекеттер бас прокурорларының Үйлестіру кеңесі",
        "Координационный совет генеральных прокуроров государств – участников СНГ",
        "Coordinating Council of Prosecutors General of the CIS Member States")),
    ("cis-tax-investigation", "КСОНР СНГ", Agency.Kind.CIS, "KZ", (
        "ТМД-ға қатысушы мемлекеттердің салық (қаржы) тергеу органдары басшыларының Үйлестіру кеңесі",
        "Координационный совет руководителей органов налоговых (финансовых) расследований государств – участников СНГ",
        "Coordinating Council of Heads of Tax (Financial) Investigation Bodies of the CIS Member States")),
    ("kg-prosecutor", "ГП КР", Agency.Kind.FOREIGN, "KG", (
        "Қырғыз Республикасының Бас прокуратурасы",
        "Генеральная прокуратура Кыргызской Республики",
        "Prosecutor General's Office of the Kyrgyz Republic")),
    ("uz-prosecutor", "ГП РУз", Agency.Kind.FOREIGN, "UZ", (
        "Өзбекстан Республикасының Бас прокуратурасы",
        "Генеральная прокуратура Республики Узбекистан",
        "Prosecutor General's Office of the Republic of Uzbekistan")),
]

# code, parent code, kind, (kk, ru, en)
ACADEMY_UNITS = [
    ("academy", None, AcademyUnit.Kind.LEADERSHIP, (
        "Қазақстан Республикасы Бас прокуратурасының жанындағы Құқық қорғау органдары академиясы",
        "Академия правоохранительных органов при Генеральной прокуратуре Республики Казахстан",
        "Academy of Law Enforcement Agencies under the Prosecutor General's Office of the Republic of Kazakhstan")),
    ("ivt", "academy", AcademyUnit.Kind.INSTITUTE, (
        "Кәсіби оқыту институты", "Институт профессионального обучения", "Institute of Professional Training")),
    ("ivt-omr", "ivt", AcademyUnit.Kind.MANAGEMENT, (
        "Ұйымдастыру-әдістемелік жұмыс басқармасы", "Управление организационно-методической работы",
        "Management of Organisational and Methodological Work")),
    ("ivt-supervision", "ivt", AcademyUnit.Kind.DEPARTMENT, (
        "Прокурорлық қадағалау кафедрасы", "Кафедра прокурорского надзора", "Department of Prosecutorial Supervision")),
    ("ivt-prosecution", "ivt", AcademyUnit.Kind.DEPARTMENT, (
        "Қылмыстық қудалау және жедел-іздестіру қызметі кафедрасы",
        "Кафедра уголовного преследования и оперативно-розыскной деятельности",
        "Department of Criminal Prosecution and Operational Investigative Activities")),
    ("ivt-service", "ivt", AcademyUnit.Kind.DEPARTMENT, (
        "Қызметтік даярлық кафедрасы", "Кафедра служебной подготовки", "Department of Service Training")),
    ("ivt-threats", "ivt", AcademyUnit.Kind.DEPARTMENT, (
        "Жаһандық қатерлерге қарсы іс-қимыл бойынша арнайы даярлық кафедрасы",
        "Кафедра специальной подготовки по противодействию глобальным угрозам",
        "Department of Special Training in Countering Global Threats")),
    ("ivt-hub", "ivt", AcademyUnit.Kind.CENTRE, (
        "Жаһандық қатерлерге қарсы іс-қимыл жөніндегі өңірлік хаб",
        "Региональный хаб по противодействию глобальным угрозам",
        "Regional Hub for Countering Global Threats")),
    ("isri", "academy", AcademyUnit.Kind.INSTITUTE, (
        "Ведомствоаралық ғылыми-зерттеу институты", "Межведомственный научно-исследовательский институт",
        "Interdepartmental Scientific Research Institute")),
    ("ipge", "academy", AcademyUnit.Kind.INSTITUTE, (
        "Жоғары оқу орнынан кейінгі білім беру институты", "Институт послевузовского образования",
        "Institute of Postgraduate Education")),
    # The institute's departments as the Academy's strategy names them (seed 003).
    ("ipge-social", "ipge", AcademyUnit.Kind.DEPARTMENT, (
        "Әлеуметтік-гуманитарлық пәндер кафедрасы", "Кафедра социально-гуманитарных дисциплин", "Department of Social and Humanitarian Disciplines")),
    ("ipge-special-law", "ipge", AcademyUnit.Kind.DEPARTMENT, (
        "Арнайы заң пәндері кафедрасы", "Кафедра специальных юридических дисциплин", "Department of Special Legal Disciplines")),
    ("ipge-general-law", "ipge", AcademyUnit.Kind.DEPARTMENT, (
        "Жалпы заң пәндері кафедрасы", "Кафедра общеюридических дисциплин", "Department of General Legal Disciplines")),
    ("assessment", "academy", AcademyUnit.Kind.CENTRE, (
        "Құзыреттерді бағалау орталығы", "Центр оценки компетенций", "Competence Assessment Centre")),
    ("library", "academy", AcademyUnit.Kind.OFFICE, ("Кітапхана", "Библиотека", "Library")),
    ("dormitory", "academy", AcademyUnit.Kind.OFFICE, ("Жатақхана", "Общежитие", "Dormitory")),
    ("finance", "academy", AcademyUnit.Kind.OFFICE, ("Қаржы-экономикалық бөлім", "Финансово-экономический отдел", "Finance and economics office")),
]

# code, category, may lecture, (kk, ru, en)
POSITIONS = [
    ("rector", Position.Category.TEACHING, True, ("Ректор", "Ректор", "Rector")),
    ("vice-rector", Position.Category.TEACHING, True, ("Проректор", "Проректор", "Vice-rector")),
    ("institute-director", Position.Category.TEACHING, True, ("Институт директоры", "Директор института", "Director of the institute")),
    ("institute-deputy", Position.Category.TEACHING, True, ("Институт директорының орынбасары", "Заместитель директора института", "Deputy director of the institute")),
    ("head-of-department", Position.Category.TEACHING, True, ("Кафедра меңгерушісі", "Начальник кафедры", "Head of department")),
    ("professor", Position.Category.TEACHING, True, ("Профессор", "Профессор", "Professor")),
    ("associate-professor", Position.Category.TEACHING, True, ("Доцент", "Доцент", "Associate professor")),
    ("senior-lecturer", Position.Category.TEACHING, True, ("Аға оқытушы", "Старший преподаватель", "Senior lecturer")),
    ("lecturer", Position.Category.TEACHING, True, ("Оқытушы", "Преподаватель", "Lecturer")),
    ("methodologist", Position.Category.ACADEMY, False, ("Әдіскер", "Методист", "Methodologist")),
    ("chief-specialist", Position.Category.ACADEMY, False, ("Бас маман", "Главный специалист", "Chief specialist")),
    ("commandant", Position.Category.ACADEMY, False, ("Жатақхана коменданты", "Комендант общежития", "Dormitory commandant")),
    ("accountant", Position.Category.ACADEMY, False, ("Бухгалтер", "Бухгалтер", "Accountant")),
    ("librarian", Position.Category.ACADEMY, False, ("Кітапханашы", "Библиотекарь", "Librarian")),
    ("prosecutor", Position.Category.AGENCY, False, ("Прокурор", "Прокурор", "Prosecutor")),
    ("senior-prosecutor", Position.Category.AGENCY, False, ("Аға прокурор", "Старший прокурор", "Senior prosecutor")),
    ("assistant-prosecutor", Position.Category.AGENCY, False, ("Прокурордың көмекшісі", "Помощник прокурора", "Assistant prosecutor")),
    ("investigator", Position.Category.AGENCY, False, ("Тергеуші", "Следователь", "Investigator")),
    ("senior-investigator", Position.Category.AGENCY, False, ("Аға тергеуші", "Старший следователь", "Senior investigator")),
    ("operative", Position.Category.AGENCY, False, ("Жедел уәкіл", "Оперуполномоченный", "Operative officer")),
    ("head-of-division", Position.Category.AGENCY, False, ("Бөлім басшысы", "Начальник отдела", "Head of division")),
    ("personnel-officer", Position.Category.AGENCY, False, ("Кадр қызметінің маманы", "Специалист кадровой службы", "Personnel officer")),
    ("specialist", Position.Category.AGENCY, False, ("Маман", "Специалист", "Specialist")),
]

# code, seniority, (kk, ru, en): class ranks of the prosecutor's office, then special ranks
CLASS_RANKS = [
    ("lawyer-3", 1, ("3-сыныпты заңгер", "Юрист 3 класса", "Lawyer, 3rd class")),
    ("lawyer-2", 2, ("2-сыныпты заңгер", "Юрист 2 класса", "Lawyer, 2nd class")),
    ("lawyer-1", 3, ("1-сыныпты заңгер", "Юрист 1 класса", "Lawyer, 1st class")),
    ("junior-counsellor", 4, ("Кіші әділет кеңесшісі", "Младший советник юстиции", "Junior counsellor of justice")),
    ("counsellor", 5, ("Әділет кеңесшісі", "Советник юстиции", "Counsellor of justice")),
    ("senior-counsellor", 6, ("Аға әділет кеңесшісі", "Старший советник юстиции", "Senior counsellor of justice")),
    ("state-counsellor-3", 7, ("3-сыныпты мемлекеттік әділет кеңесшісі", "Государственный советник юстиции 3 класса", "State counsellor of justice, 3rd class")),
    ("lieutenant", 11, ("Лейтенант", "Лейтенант", "Lieutenant")),
    ("senior-lieutenant", 12, ("Аға лейтенант", "Старший лейтенант", "Senior lieutenant")),
    ("captain", 13, ("Капитан", "Капитан", "Captain")),
    ("major", 14, ("Майор", "Майор", "Major")),
    ("lieutenant-colonel", 15, ("Подполковник", "Подполковник", "Lieutenant colonel")),
    ("colonel", 16, ("Полковник", "Полковник", "Colonel")),
]
