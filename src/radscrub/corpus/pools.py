"""The project's own vocabulary pools (written for radscrub; no third-party corpus text).

Names of many origins complement Faker's locales; ``WORD_*`` names are also ordinary English words
(hard positives). Places are real US city names with their state and a plausible ZIP prefix; the
facility and organisation parts are generic words used to compose fictional names.
"""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

# --- given names -------------------------------------------------------------------------------
GIVEN_F: tuple[str, ...] = (
    "Abena", "Adaeze", "Adwoa", "Aisha", "Akosua", "Alejandra", "Amara", "Ananya", "Anh", "Aroha",
    "Astrid", "Ayesha", "Beatriz", "Bich", "Bongani", "Chiamaka", "Chidinma", "Chloé", "Dagny",
    "Deepika", "Dolores", "Ebony", "Efua", "Eilidh", "Eleni", "Esperanza", "Fatima", "Fatoumata",
    "Folasade", "Gabriela", "Grainne", "Guadalupe", "Hadiza", "Haruka", "Hina", "Hye-jin", "Ifeoma",
    "Ingrid", "Itzel", "Jae-eun", "Jahnavi", "Jasleen", "Ji-woo", "Kalani", "Kamala", "Keiko",
    "Lakshmi", "LaToya", "Leilani", "Lucía", "Mai", "Malak", "Maria José", "Marisol", "Mary Ellen",
    "Mei", "Mehwish", "Minh Chau", "Miriam", "Nadia", "Naledi", "Ngozi", "Nilufar", "Niamh",
    "Noor", "Nomvula", "Oluwaseun", "Oyelaran", "Parisa", "Priya", "Quynh", "Rania", "Roisin",
    "Rukhsana", "Saanvi", "Sakura", "Sanjana", "Saoirse", "Seo-yeon", "Shanice", "Shirin", "Siobhan",
    "Soo-ah", "Sunita", "Svetlana", "Tahmina", "Takeko", "Thandiwe", "Thi Lan", "Valentina",
    "Wanjiru", "Xiomara", "Ximena", "Yasmin", "Yesenia", "Yetunde", "Yuki", "Zainab", "Zanele",
    "Zeynep", "Zhen", "Zofia", "Anne-Marie", "Marie-Claire", "Jo-Ann", "Mary Kate", "Bernadette",
    "Geraldine", "Winifred", "Henrietta", "Imogen", "Philippa", "Agnieszka", "Małgorzata", "Dörte",
)  # fmt: skip

GIVEN_M: tuple[str, ...] = (
    "Abdullahi", "Adebayo", "Ahmad", "Aleksander", "Alejandro", "Amadou", "Amir", "Anil", "Arjun",
    "Bao", "Bartholomew", "Bjorn", "Burak", "Chidi", "Chinedu", "Cormac", "Darnell", "Deshawn",
    "Diarmuid", "Dong-hyun", "Emeka", "Enrique", "Eoin", "Farhan", "Gurpreet", "Hamza", "Haruto",
    "Hemi", "Hiroshi", "Hyun-woo", "Ibrahim", "Ifeanyi", "Jae-won", "Jamal", "Jaroslav", "Javier",
    "Jin", "Joaquín", "Jong-su", "Kaito", "Kalani", "Kenji", "Kofi", "Kwabena", "Kwame", "Lars",
    "Liam", "Mahmoud", "Manuel", "Mehmet", "Minh", "Mohammed", "Mustafa", "Naveen", "Nnamdi",
    "Obinna", "Olufemi", "Omar", "Oscar", "Oisin", "Pádraig", "Paolo", "Quang", "Rahul", "Raúl",
    "Reza", "Rohan", "Ruairi", "Sanjay", "Santiago", "Seamus", "Sergei", "Shlomo", "Siddharth",
    "Sione", "Sung-min", "Tadeusz", "Takumi", "Tariq", "Temitope", "Thabo", "Thanh", "Tomasz",
    "Tunde", "Uchenna", "Vikram", "Vusi", "Wei", "Xavier", "Yaw", "Yosef", "Yusuf", "Zhang Wei",
    "Jean-Pierre", "Jean-Luc", "José Luis", "Juan Carlos", "Luis Miguel", "Billy Ray", "Bartosz",
    "Cuauhtémoc", "Dmitri", "Eero", "Fergal", "Gunnar", "Horatio", "Ignatius", "Lachlan", "Mordecai",
)  # fmt: skip

#: Given names that are also common words (hard positives): (name, sex).
WORD_GIVEN: tuple[tuple[str, str], ...] = (
    ("Will", "M"), ("Mark", "M"), ("Hope", "F"), ("Grant", "M"), ("Frank", "M"), ("Rose", "F"),
    ("Faith", "F"), ("Joy", "F"), ("Dawn", "F"), ("April", "F"), ("June", "F"), ("May", "F"),
    ("Summer", "F"), ("Bill", "M"), ("Art", "M"), ("Guy", "M"), ("Ray", "M"), ("Sandy", "F"),
    ("Lane", "M"), ("Reed", "M"), ("Hunter", "M"), ("Chase", "M"), ("Grace", "F"), ("Iris", "F"),
    ("Ivy", "F"), ("Pearl", "F"), ("Ruby", "F"), ("Lily", "F"), ("Daisy", "F"), ("Miles", "M"),
    ("Rich", "M"), ("Sterling", "M"), ("Earnest", "M"), ("Patience", "F"), ("Mercy", "F"),
    ("Jack", "M"), ("Pat", "F"), ("Sue", "F"), ("Don", "M"), ("Robin", "F"), ("Sunny", "F"),
    ("Autumn", "F"), ("Crystal", "F"), ("Amber", "F"), ("Heather", "F"), ("Holly", "F"),
    ("Jasmine", "F"), ("Violet", "F"), ("Olive", "F"), ("Hazel", "F"), ("Ginger", "F"),
    ("Honey", "F"), ("Star", "F"), ("Destiny", "F"), ("Charity", "F"), ("Trinity", "F"),
    ("Harmony", "F"), ("Precious", "F"), ("Blessing", "F"), ("Gay", "F"), ("Bunny", "F"),
    ("Cliff", "M"), ("Dale", "M"), ("Glen", "M"), ("Rod", "M"), ("Gene", "M"), ("Royal", "M"),
    ("Deacon", "M"), ("Major", "M"), ("King", "M"), ("Prince", "M"), ("Rocky", "M"),
    ("Forrest", "M"), ("Sonny", "M"), ("Buck", "M"), ("Chip", "M"), ("Wade", "M"), ("Cash", "M"),
    ("Penny", "F"), ("Marina", "F"), ("Coral", "F"), ("Brook", "F"), ("Skye", "F"), ("Bliss", "F"),
    ("Chance", "M"), ("Rusty", "M"), ("Duke", "M"), ("Justice", "M"), ("Booker", "M"), ("Ace", "M"),
)  # fmt: skip

# --- surnames ----------------------------------------------------------------------------------
SURNAMES: tuple[str, ...] = (
    "Abernathy", "Acheampong", "Adeyemi", "Agarwal", "Ahn", "Al-Hassan", "Al-Rashid", "Alvarez-Soto",
    "Anand", "Antonopoulos", "Appiah", "Asante", "Ashkenazi", "Bajwa", "Balakrishnan", "Banerjee",
    "Barzani", "Bhattacharya", "Bianchi", "Bjornsson", "Bouchard", "Brzezinski", "Castellanos",
    "Chakraborty", "Chaudhry", "Chowdhury", "Cohen", "Constantinescu", "Cruz-Mendoza", "D'Angelo",
    "D'Souza", "Dang", "de la Cruz", "de los Santos", "DeLuca", "Dimitrov", "Do", "Dubois",
    "Dvorak", "Eze", "Fernández", "Fitzgerald", "Fujimoto", "Gallagher", "García-López",
    "Ghosh", "Goldberg", "Gonzalez", "Gutierrez", "Haddad", "Halvorsen", "Hashemi", "Hernandez",
    "Hoang", "Horvath", "Hosseini", "Ibekwe", "Iyer", "Jablonski", "Jankowski", "Jaramillo",
    "Kamau", "Kaplan", "Karimi", "Kasprzak", "Katz", "Kaur", "Kawasaki-Brown", "Khalil", "Khan",
    "Kiplagat", "Kowalczyk", "Krishnamurthy", "Kuznetsov", "Lachance", "Lefebvre", "Levy",
    "Lindqvist", "MacDonald", "MacKenzie", "Mahmoud", "Maldonado", "Mbeki", "McAllister",
    "McLaughlin", "Mehta", "Mendelsohn", "Menon", "Mohammadi", "Moreau", "Mukherjee", "Murphy",
    "Nakamura", "Nascimento", "Ndlovu", "Nguyen", "Nnadi", "Novak", "Nowak", "Nwachukwu",
    "O'Brien", "O'Connor", "O'Donnell", "O'Malley", "O'Neill", "Obi", "Odhiambo", "Ogunleye",
    "Okafor", "Okonkwo", "Oliveira", "Olsen", "Onyango", "Osei", "Ozturk", "Papadopoulos",
    "Park", "Patel", "Pereira", "Petrov", "Pham", "Pillai", "Popescu", "Quintero", "Rahman",
    "Ramirez", "Rasmussen", "Reddy", "Rodriguez", "Rosenberg", "Saito", "Santiago", "Schwartz",
    "Sen", "Shapiro", "Sharma", "Shevchenko", "Singh", "Sokolov", "St. Clair", "St. Pierre",
    "Subramanian", "Suzuki", "Szabo", "Takahashi", "Tanaka", "Thakur", "Tran", "Trinh",
    "Tshabalala", "Vargas", "Vasquez", "Venkataraman", "Vo", "Wang", "Wójcik", "Yamamoto",
    "Yilmaz", "Zhang", "Zhou", "Zielinski", "van der Berg", "van Dijk", "von Hoffmann",
    "Van Buren", "DeShields", "LaFleur", "Le", "Li", "Lim", "Ng", "Ong", "Wu", "Xu", "Yu",
    "Ó Súilleabháin", "Mac Giolla", "Abdi", "Warsame", "Mengistu", "Tesfaye", "Haile",
    "Jean-Baptiste", "Pierre-Louis", "Toussaint", "Baptiste", "Kealoha", "Nakoa", "Tuiasosopo",
    "Begay", "Yazzie", "Tsosie", "Whitehorse", "Runningwater",
)  # fmt: skip

#: Surnames that are also common words (hard positives; several double as eponym-like words).
WORD_SURNAMES: tuple[str, ...] = (
    "Gray", "Brown", "White", "Young", "Long", "Little", "Small", "Bell", "Baker", "Page", "Stern",
    "Rich", "Mark", "Major", "Wise", "Hale", "Hope", "Moss", "Rivers", "Banks", "Fields", "Street",
    "Hill", "Lake", "Parks", "Price", "Love", "Child", "Cross", "Day", "Knight", "Lamb", "Fox",
    "Wolf", "Bird", "Frank", "Rose", "Black", "Green", "Short", "Strong", "Sharp", "Swift",
    "Best", "Hart", "Head", "Bone", "Marrow", "Temple", "Chambers", "Wells", "Pope", "Bishop",
    "Church", "Hardy", "Noble", "Rice", "Salt", "Stone", "Walker", "Mercy", "Graves", "Parker",
    "Crohn", "Colles", "Wilms", "Baker-Hill", "Brown-Gray", "Bush", "Hawk", "Crow", "Swan",
    "Finch", "Sparrow", "Drake", "Bass", "Pike", "Trout", "Beard", "Foot", "Hand",
    "Legg", "Heart",
    "Bandy", "Coffin", "Graves-Hill", "Mann", "Boy", "Guy", "Friend", "Bond", "Link",
    "Chain", "Gate", "Wall", "Ward", "Warden", "Porter", "Cook", "Butler", "Mason", "Carpenter",
    "Fisher", "Hunter", "Shepherd", "Miller", "Smith", "Taylor", "Turner", "Weaver", "Potter",
    "Cole", "Dove", "Lane", "Marsh", "Brooks", "Woods", "Forest", "Meadows", "Snow", "Frost",
    "Winter", "Summers", "Spring", "Storm", "Rains", "Sterling", "Silver", "Gold", "Penny",
    "Pound", "Nickel", "Steel", "Iron", "Cotton", "Wool", "Bacon", "Rice", "Berry", "Apple",
    "Peach", "Plum", "Pepper", "Sugar", "Honey", "Hurst",
    "Payne", "Paine", "Burns",
)  # fmt: skip

NAME_SUFFIXES: tuple[str, ...] = ("Jr.", "Sr.", "II", "III", "IV", "Jr")

#: (locale, weight): Faker locales whose person names are in Latin script.
FAKER_LOCALES: tuple[tuple[str, float], ...] = (
    ("en_US", 10.0), ("en_GB", 2.0), ("en_IE", 1.0), ("en_IN", 2.0), ("en_NG", 1.0),
    ("en_KE", 0.6), ("en_PK", 0.8), ("en_NZ", 0.6), ("en_TH", 0.4), ("es_MX", 3.0),
    ("es_ES", 1.0), ("es_CO", 1.0), ("es_AR", 0.6), ("fr_FR", 1.0), ("fr_CA", 0.8),
    ("de_DE", 1.0), ("it_IT", 1.0), ("pt_BR", 1.2), ("pt_PT", 0.5), ("nl_NL", 0.6),
    ("pl_PL", 1.0), ("cs_CZ", 0.5), ("hu_HU", 0.5), ("ro_RO", 0.5), ("sv_SE", 0.5),
    ("fi_FI", 0.4), ("tr_TR", 0.8), ("ig_NG", 0.6), ("yo_NG", 0.6), ("ha_NG", 0.4),
    ("zu_ZA", 0.4), ("sw", 0.4), ("id_ID", 0.6), ("ga_IE", 0.3), ("hr_HR", 0.4),
    ("lt_LT", 0.3), ("uz_UZ", 0.3), ("is_IS", 0.2),
)  # fmt: skip

#: Locales whose Faker first names are placeholders: use only their surnames.
SURNAME_ONLY_LOCALES: tuple[tuple[str, float], ...] = (("vi_VN", 0.6),)

# --- relatives and roles -----------------------------------------------------------------------
RELATIVES_F: tuple[str, ...] = (
    "daughter",
    "wife",
    "sister",
    "mother",
    "niece",
    "granddaughter",
    "daughter-in-law",
    "aunt",
)
RELATIVES_M: tuple[str, ...] = (
    "son",
    "husband",
    "brother",
    "father",
    "nephew",
    "grandson",
    "son-in-law",
    "uncle",
)
RELATIVES_ANY: tuple[str, ...] = ("caregiver", "partner", "friend", "guardian", "power of attorney")

PHYSICIAN_CREDENTIALS: tuple[str, ...] = (
    "MD", "MD", "MD", "M.D.", "DO", "MD, PhD", "MD, MPH", "MBBS", "MD, FACR", "D.O.", "MB BCh",
)  # fmt: skip
APP_CREDENTIALS: tuple[str, ...] = ("NP", "PA-C", "FNP-BC", "ARNP", "CNM", "DNP")
TECH_CREDENTIALS: tuple[str, ...] = (
    "RT(R)", "RT(R)(CT)", "RT(R)(MR)", "RT(R)(M)", "RDMS", "RDMS, RVT", "RVT", "CNMT",
    "RT(N)", "RT(R)(CV)", "RT(T)", "ARRT", "R.T.(R)(CT)", "RT(R)(BD)",
)  # fmt: skip
NURSE_CREDENTIALS: tuple[str, ...] = ("RN", "RN", "BSN, RN", "LPN", "CCRN")

# --- places --------------------------------------------------------------------------------------
#: (city, state, ZIP prefix): real US places, fictional street addresses are composed around them.
CITIES: tuple[tuple[str, str, str], ...] = (
    ("Springfield", "IL", "627"), ("Peoria", "IL", "616"), ("Naperville", "IL", "605"),
    ("Rockford", "IL", "611"), ("Columbus", "OH", "432"), ("Dayton", "OH", "454"),
    ("Akron", "OH", "443"), ("Toledo", "OH", "436"), ("Ann Arbor", "MI", "481"),
    ("Grand Rapids", "MI", "495"), ("Kalamazoo", "MI", "490"), ("Lansing", "MI", "489"),
    ("Madison", "WI", "537"), ("Green Bay", "WI", "543"), ("Eau Claire", "WI", "547"),
    ("Rochester", "MN", "559"), ("Duluth", "MN", "558"), ("St. Cloud", "MN", "563"),
    ("Des Moines", "IA", "503"), ("Cedar Rapids", "IA", "524"), ("Sioux Falls", "SD", "571"),
    ("Fargo", "ND", "581"), ("Omaha", "NE", "681"), ("Lincoln", "NE", "685"),
    ("Wichita", "KS", "672"), ("Topeka", "KS", "666"), ("Tulsa", "OK", "741"),
    ("Norman", "OK", "730"), ("Amarillo", "TX", "791"), ("Lubbock", "TX", "794"),
    ("El Paso", "TX", "799"), ("San Antonio", "TX", "782"), ("Corpus Christi", "TX", "784"),
    ("Waco", "TX", "767"), ("Tyler", "TX", "757"), ("Plano", "TX", "750"),
    ("Shreveport", "LA", "711"), ("Baton Rouge", "LA", "708"), ("Lafayette", "LA", "705"),
    ("Jackson", "MS", "392"), ("Tupelo", "MS", "388"), ("Mobile", "AL", "366"),
    ("Huntsville", "AL", "358"), ("Tuscaloosa", "AL", "354"), ("Macon", "GA", "312"),
    ("Savannah", "GA", "314"), ("Athens", "GA", "306"), ("Gainesville", "FL", "326"),
    ("Tallahassee", "FL", "323"), ("Pensacola", "FL", "325"), ("Ocala", "FL", "344"),
    ("Sarasota", "FL", "342"), ("Boca Raton", "FL", "334"), ("Charleston", "SC", "294"),
    ("Greenville", "SC", "296"), ("Spartanburg", "SC", "293"), ("Asheville", "NC", "288"),
    ("Durham", "NC", "277"), ("Wilmington", "NC", "284"), ("Winston-Salem", "NC", "271"),
    ("Roanoke", "VA", "240"), ("Charlottesville", "VA", "229"), ("Norfolk", "VA", "235"),
    ("Frederick", "MD", "217"), ("Towson", "MD", "212"), ("Dover", "DE", "199"),
    ("Allentown", "PA", "181"), ("Scranton", "PA", "185"), ("Erie", "PA", "165"),
    ("Lancaster", "PA", "176"), ("Harrisburg", "PA", "171"), ("Trenton", "NJ", "086"),
    ("Paterson", "NJ", "075"), ("Hackensack", "NJ", "076"), ("Albany", "NY", "122"),
    ("Syracuse", "NY", "132"), ("Utica", "NY", "135"), ("Binghamton", "NY", "139"),
    ("Poughkeepsie", "NY", "126"), ("Yonkers", "NY", "107"), ("Hartford", "CT", "061"),
    ("New Haven", "CT", "065"), ("Worcester", "MA", "016"), ("Springfield", "MA", "011"),
    ("Lowell", "MA", "018"), ("Providence", "RI", "029"), ("Manchester", "NH", "031"),
    ("Burlington", "VT", "054"), ("Bangor", "ME", "044"), ("Portland", "ME", "041"),
    ("Boise", "ID", "837"), ("Pocatello", "ID", "832"), ("Billings", "MT", "591"),
    ("Missoula", "MT", "598"), ("Casper", "WY", "826"), ("Cheyenne", "WY", "820"),
    ("Provo", "UT", "846"), ("Ogden", "UT", "844"), ("Boulder", "CO", "803"),
    ("Pueblo", "CO", "810"), ("Fort Collins", "CO", "805"), ("Santa Fe", "NM", "875"),
    ("Las Cruces", "NM", "880"), ("Flagstaff", "AZ", "860"), ("Tucson", "AZ", "857"),
    ("Mesa", "AZ", "852"), ("Reno", "NV", "895"), ("Henderson", "NV", "890"),
    ("Fresno", "CA", "937"), ("Bakersfield", "CA", "933"), ("Modesto", "CA", "953"),
    ("Santa Rosa", "CA", "954"), ("Redding", "CA", "960"), ("Riverside", "CA", "925"),
    ("Oxnard", "CA", "930"), ("Salinas", "CA", "939"), ("Eugene", "OR", "974"),
    ("Salem", "OR", "973"), ("Medford", "OR", "975"), ("Spokane", "WA", "992"),
    ("Tacoma", "WA", "984"), ("Yakima", "WA", "989"), ("Bellingham", "WA", "982"),
    ("Anchorage", "AK", "995"), ("Fairbanks", "AK", "997"), ("Hilo", "HI", "967"),
    ("Honolulu", "HI", "968"), ("Knoxville", "TN", "379"), ("Chattanooga", "TN", "374"),
    ("Murfreesboro", "TN", "371"), ("Bowling Green", "KY", "421"), ("Lexington", "KY", "405"),
    ("Evansville", "IN", "477"), ("Fort Wayne", "IN", "468"), ("South Bend", "IN", "466"),
    ("Bloomington", "IN", "474"), ("Joplin", "MO", "648"), ("Columbia", "MO", "652"),
    ("Little Rock", "AR", "722"), ("Fayetteville", "AR", "727"), ("Morgantown", "WV", "265"),
    ("Huntington", "WV", "257"), ("Stamford", "CT", "069"), ("Camden", "NJ", "081"),
    ("Hialeah", "FL", "330"), ("Kissimmee", "FL", "347"), ("Laredo", "TX", "780"),
    ("Brownsville", "TX", "785"), ("Odessa", "TX", "797"), ("Abilene", "TX", "796"),
)  # fmt: skip

#: Counties (LOCATION) and neighbourhood-style places.
COUNTIES: tuple[str, ...] = (
    "Cook County", "Washtenaw County", "Dane County", "Polk County", "Travis County",
    "Orange County", "Kent County", "Marion County", "Jefferson County", "Lake County",
    "Monroe County", "Douglas County", "Franklin County", "Hamilton County", "Butte County",
)  # fmt: skip

STREET_NAMES: tuple[str, ...] = (
    "Oak", "Maple", "Cedar", "Pine", "Elm", "Walnut", "Chestnut", "Sycamore", "Willow", "Birch",
    "Main", "Church", "Mill", "Park", "Lake", "Hill", "River", "Spring", "Ridge", "Valley",
    "Washington", "Lincoln", "Jefferson", "Madison", "Franklin", "Jackson", "Adams", "Monroe",
    "Martin Luther King Jr.", "Cesar Chavez", "Highland", "Meadow", "Orchard", "Sunset",
    "Prospect", "Market", "Broad", "Front", "Water", "High", "Union", "Center", "College",
    "University", "Forest", "Country Club", "Old Mill", "Harbor", "Bayshore", "Canyon View",
    "Dogwood", "Magnolia", "Peachtree", "Cypress", "Aspen", "Juniper", "Laurel", "Hawthorne",
    "Fairview", "Greenwood", "Woodland", "Brookside", "Stonegate", "Foxhall", "Quail Run",
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "12th", "23rd", "41st", "100th",
    "County Road 12", "State Route 9", "Old Highway 61", "Ranch Road 620",
)  # fmt: skip
STREET_TYPES: tuple[str, ...] = (
    "Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Drive", "Dr", "Dr.", "Lane",
    "Ln", "Court", "Ct", "Boulevard", "Blvd", "Way", "Place", "Pl", "Terrace", "Parkway", "Pkwy",
    "Circle", "Cir", "Trail", "Highway", "Pike",
)  # fmt: skip
STREET_DIRECTIONS: tuple[str, ...] = ("N", "S", "E", "W", "North", "South", "East", "West", "NE")
UNITS: tuple[str, ...] = ("Apt", "Apt.", "Unit", "Suite", "Ste", "#", "Bldg", "Floor", "Rm")

# --- facilities and organisations ---------------------------------------------------------------
PLACE_WORDS: tuple[str, ...] = (
    "Riverside", "Lakeview", "Cedar Valley", "North Shore", "Mountain View", "Bayview", "Fairview",
    "Pine Ridge", "Oak Hill", "Sunrise", "Summit", "Crestwood", "Westbrook", "Eastside", "Highland",
    "Prairie", "Blue Ridge", "Harbor", "Meadowbrook", "Silver Lake", "Clearwater", "Stonebridge",
    "Valley", "Heartland", "Coastal", "Northwest", "Southern Plains", "Tri-County", "Three Rivers",
    "Golden Valley", "Red Rock", "Maplewood", "Brookhaven", "Glenview", "Willow Creek", "Kingsbridge",
    "Ashford", "Bridgeport", "Canyon", "Lakeshore", "Parkside", "Woodland", "Evergreen", "Granite",
)  # fmt: skip
SAINTS: tuple[str, ...] = (
    "Luke's", "Mary's", "Joseph's", "Vincent's", "Francis", "Elizabeth's", "Anthony's", "Jude",
    "Catherine's", "Michael's", "Agnes", "Clare", "Rita's", "Bernard's", "Peter's", "Anne's",
    "Dominic's", "Alexius", "Cloud", "Margaret's", "Patrick's", "John's", "Mark's", "Theresa",
)  # fmt: skip
HOSPITAL_NOUNS: tuple[str, ...] = (
    "Hospital", "Medical Center", "General Hospital", "Regional Medical Center", "Memorial Hospital",
    "Community Hospital", "Health Center", "Healthcare", "University Hospital", "Medical Pavilion",
    "Regional Hospital", "Health System", "Infirmary", "Critical Access Hospital",
)  # fmt: skip
IMAGING_CENTER_NOUNS: tuple[str, ...] = (
    "Imaging Center", "Outpatient Imaging", "Diagnostic Imaging", "Open MRI", "Imaging Associates",
    "Breast Center", "Women's Imaging", "Radiology Center", "MRI & CT Center", "Diagnostic Center",
)  # fmt: skip
CARE_FACILITY_NOUNS: tuple[str, ...] = (
    "Nursing and Rehabilitation", "Skilled Nursing Facility", "Care Center", "Manor",
    "Assisted Living", "Senior Living", "Rehabilitation Hospital", "Hospice House",
)  # fmt: skip
GROUP_NOUNS: tuple[str, ...] = (
    "Radiology Associates", "Radiology Group", "Imaging Partners", "Radiology, P.C.",
    "Radiology Consultants", "Radiologists, LLC", "Diagnostic Radiology Group",
)  # fmt: skip
TELERAD_NOUNS: tuple[str, ...] = (
    "Teleradiology", "Teleradiology Partners", "Remote Reading", "Radiology Network",
    "Nighthawk Radiology", "Teleradiology Services", "Virtual Radiology", "After-Hours Imaging",
    "Remote Imaging Solutions", "Radiology Reads, LLC",
)  # fmt: skip
PRACTICE_NOUNS: tuple[str, ...] = (
    "Family Medicine", "Internal Medicine Associates", "Primary Care", "Orthopedics & Sports Medicine",
    "Women's Health", "Urology Associates", "Oncology Group", "Neurology Clinic", "Pulmonary Associates",
    "Cardiology Consultants", "Gastroenterology, PA", "Pediatrics", "Vascular Surgery",
    "Spine Institute", "Endocrine Associates", "Urgent Care",
)  # fmt: skip
INSURER_NOUNS: tuple[str, ...] = (
    "Health Plan", "Mutual Health", "Care Plan", "Health Alliance", "Medicaid Plan", "HMO",
    "PPO", "Medicare Advantage", "Community Health Plan", "Health Partners", "Senior Advantage",
)  # fmt: skip
EMPLOYER_NOUNS: tuple[str, ...] = (
    "Logistics", "Grain Cooperative", "Railroad", "Shipyards", "Roofing", "Trucking", "Quarry Co.",
    "Poultry Processing", "Steelworks", "School District", "Transit Authority", "Foundry",
    "Distribution Center", "Lumber Company", "Construction", "Warehousing", "Dairy",
)  # fmt: skip
EMS_AGENCIES: tuple[str, ...] = (
    "County EMS", "Fire Rescue", "Ambulance Service", "Volunteer Fire Department", "Medflight",
    "Air Care", "Rescue Squad",
)  # fmt: skip
EMAIL_DOMAIN_STEMS: tuple[str, ...] = (
    "health",
    "med",
    "healthcare",
    "hospital",
    "imaging",
    "rad",
    "clinic",
    "mc",
)
TLDS: tuple[str, ...] = ("org", "org", "com", "net", "edu", "us")

VEHICLE_MAKES: tuple[str, ...] = (
    "sedan",
    "pickup truck",
    "SUV",
    "motorcycle",
    "minivan",
    "box truck",
    "tractor-trailer",
)

DEVICES: tuple[tuple[str, str], ...] = (
    ("dual-chamber pacemaker", "pacemaker"), ("single-chamber ICD", "ICD"),
    ("biventricular ICD", "CRT-D"), ("implantable loop recorder", "loop recorder"),
    ("spinal cord stimulator", "stimulator"), ("vagus nerve stimulator", "VNS generator"),
    ("cochlear implant", "cochlear implant"), ("deep brain stimulator", "DBS generator"),
    ("insulin pump", "insulin pump"), ("programmable VP shunt valve", "shunt valve"),
    ("intrathecal pain pump", "pain pump"), ("left ventricular assist device", "LVAD"),
)  # fmt: skip
