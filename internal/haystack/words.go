package haystack

// The word lists below fill the templates' slots. None of them names a
// person, place or organisation of the default articles; the package test
// checks that generated text stays clear of them.

var firstNames = []string{
	"Aino", "Amara", "Anders", "Ana", "Beatriz", "Bjorn", "Camila", "Carlos", "Chiara", "Chloe",
	"Dalia", "Daniel", "Dewi", "Diego", "Eamon", "Elif", "Elena", "Emeka", "Erik", "Esther",
	"Fatou", "Felipe", "Fiona", "Gabriel", "Grace", "Hamid", "Hana", "Helga", "Hiroshi", "Ines",
	"Ingrid", "Isabel", "Jonas", "Joao", "Julia", "Kamal", "Karin", "Kenji", "Kofi", "Lars",
	"Leila", "Liam", "Lucia", "Mai", "Malik", "Margit", "Mateo", "Mei", "Miguel", "Mirja",
	"Nadia", "Niamh", "Nils", "Noor", "Olga", "Oscar", "Paula", "Pedro", "Priya", "Rafael",
	"Rania", "Rosa", "Ruth", "Samir", "Sandra", "Santiago", "Sara", "Sean", "Sofia", "Soren",
	"Tariq", "Teresa", "Thandi", "Tomas", "Valentina", "Viktor", "Wanjiru", "Yara", "Yusuf", "Zanele",
}

var surnames = []string{
	"Abara", "Aguilar", "Andersen", "Arroyo", "Asante", "Bakker", "Barros", "Bergstrom", "Brennan", "Castillo",
	"Costa", "Dahl", "Diallo", "Doherty", "Eklund", "Esposito", "Ferreira", "Fonseca", "Gallagher", "Gomez",
	"Haaland", "Halvorsen", "Hakimi", "Hernandez", "Holm", "Ibarra", "Iwata", "Jensen", "Kamau", "Karlsson",
	"Keane", "Kiplagat", "Koskinen", "Kowalczyk", "Lindqvist", "Lopes", "Lundgren", "Machado", "Makena", "Mendoza",
	"Moreira", "Murphy", "Mwangi", "Nakamura", "Navarro", "Ndlovu", "Nguyen", "Nieminen", "Nilsen", "Novak",
	"Nunes", "Obi", "Ochieng", "Okafor", "Olsen", "Ortega", "Osei", "Pereira", "Pinto", "Quinn",
	"Rahman", "Ramos", "Rasmussen", "Reyes", "Rocha", "Salazar", "Santos", "Sato", "Silva", "Soto",
	"Strand", "Suzuki", "Takahashi", "Tan", "Tanaka", "Torres", "Tran", "Vargas", "Vasquez", "Virtanen",
	"Walsh", "Wanjala", "Yamamoto", "Zapata",
}

// place is a city with its country, so that one article stays coherent.
type place struct{ city, country, adjective string }

var places = []place{
	{"Bergen", "Norway", "Norwegian"}, {"Tromso", "Norway", "Norwegian"}, {"Stavanger", "Norway", "Norwegian"},
	{"Valparaiso", "Chile", "Chilean"}, {"Antofagasta", "Chile", "Chilean"}, {"Concepcion", "Chile", "Chilean"},
	{"Porto", "Portugal", "Portuguese"}, {"Coimbra", "Portugal", "Portuguese"}, {"Faro", "Portugal", "Portuguese"},
	{"Mombasa", "Kenya", "Kenyan"}, {"Kisumu", "Kenya", "Kenyan"}, {"Nakuru", "Kenya", "Kenyan"},
	{"Da Nang", "Vietnam", "Vietnamese"}, {"Hai Phong", "Vietnam", "Vietnamese"}, {"Can Tho", "Vietnam", "Vietnamese"},
	{"Halifax", "Canada", "Canadian"}, {"Winnipeg", "Canada", "Canadian"}, {"Saskatoon", "Canada", "Canadian"},
	{"Dunedin", "New Zealand", "New Zealand"}, {"Napier", "New Zealand", "New Zealand"}, {"Nelson", "New Zealand", "New Zealand"},
	{"Cork", "Ireland", "Irish"}, {"Galway", "Ireland", "Irish"}, {"Limerick", "Ireland", "Irish"},
	{"Penang", "Malaysia", "Malaysian"}, {"Ipoh", "Malaysia", "Malaysian"}, {"Kuching", "Malaysia", "Malaysian"},
	{"Arequipa", "Peru", "Peruvian"}, {"Trujillo", "Peru", "Peruvian"}, {"Cusco", "Peru", "Peruvian"},
	{"Tampere", "Finland", "Finnish"}, {"Oulu", "Finland", "Finnish"}, {"Turku", "Finland", "Finnish"},
	{"Kumasi", "Ghana", "Ghanaian"}, {"Tamale", "Ghana", "Ghanaian"}, {"Takoradi", "Ghana", "Ghanaian"},
	{"Salto", "Uruguay", "Uruguayan"}, {"Paysandu", "Uruguay", "Uruguayan"},
	{"Maribor", "Slovenia", "Slovenian"}, {"Koper", "Slovenia", "Slovenian"},
	{"Akureyri", "Iceland", "Icelandic"}, {"Saint-Louis", "Senegal", "Senegalese"}, {"Ziguinchor", "Senegal", "Senegalese"},
	{"Rosario", "Argentina", "Argentine"}, {"Mendoza", "Argentina", "Argentine"}, {"Aarhus", "Denmark", "Danish"},
	{"Odense", "Denmark", "Danish"}, {"Cebu", "the Philippines", "Philippine"}, {"Iloilo", "the Philippines", "Philippine"},
	{"Tartu", "Estonia", "Estonian"}, {"Limon", "Costa Rica", "Costa Rican"}, {"Arusha", "Tanzania", "Tanzanian"},
	{"Medellin", "Colombia", "Colombian"}, {"Cali", "Colombia", "Colombian"}, {"Graz", "Austria", "Austrian"},
	{"Malmo", "Sweden", "Swedish"}, {"Umea", "Sweden", "Swedish"}, {"Sendai", "Japan", "Japanese"},
	{"Niigata", "Japan", "Japanese"}, {"Daegu", "South Korea", "South Korean"}, {"Hobart", "Australia", "Australian"},
	{"Darwin", "Australia", "Australian"}, {"Makassar", "Indonesia", "Indonesian"}, {"Walvis Bay", "Namibia", "Namibian"},
}

var durations = []string{
	"just under 40 minutes", "about an hour", "a little over two hours", "nearly five hours", "almost three hours",
	"more than six hours", "barely 20 minutes", "about four hours", "most of the afternoon", "two full days",
	"just over 50 minutes", "nine hours", "three days",
}

var verdicts = []string{
	"unrealistic", "constructive", "premature", "disappointing", "a step forward", "unworkable", "encouraging",
	"excessive", "reasonable", "out of touch", "long overdue", "a provocation",
}

var callSigns = []string{"Falcon", "Nomad", "Kestrel", "Granite", "Lynx", "Harbour", "Tundra", "Comet", "Otter", "Sparrow"}

var ministries = []string{
	"transport", "agriculture", "health", "finance", "labour", "energy", "education", "fisheries", "trade",
	"environment", "tourism", "housing",
}

var sectors = []string{
	"dairy", "salmon farming", "shipping", "solar power", "coffee", "timber", "copper mining", "tourism",
	"software", "textiles", "wine", "rail freight", "cocoa", "fertiliser",
}

var products = []string{
	"electric ferries", "payment terminals", "wind turbine blades", "frozen seafood", "rooftop solar panels",
	"school tablets", "cold-storage containers", "hearing aids", "irrigation pumps", "bicycles",
}

var orgNouns = []string{
	"Port Authority", "Water Board", "Rail Workers' Union", "Chamber of Commerce", "Teachers' Federation",
	"Dockers' Union", "Nurses' Association", "Growers' Cooperative", "Transit Company", "Energy Cooperative",
	"Fishermen's Association", "Hospital Trust", "Taxi Drivers' Guild", "Housing Association",
}

var companies = []string{
	"Nordhavn Logistics", "Solvika Energy", "Brightwater Foods", "Kestrel Air", "Marlin Shipping", "Copperline Mining",
	"Tidewater Dairy", "Greenfield Telecom", "Halcyon Software", "Redcliff Textiles", "Bluepeak Solar", "Orchard Bank",
	"Longboat Ferries", "Silverleaf Insurance", "Ironbridge Steel", "Cascade Pharmaceuticals",
}

var teams = []string{
	"Harbour City", "Northside Rovers", "Atletico Riverside", "Valley United", "Coastal Wanderers", "Red Hill",
	"Lakeside Athletic", "Granite Town", "Southport Albion", "Eastgate", "Pine Ridge", "Old Mill",
}

var storms = []string{"Storm Adele", "Cyclone Mira", "Typhoon Banyan", "Storm Oskar", "Cyclone Tomas", "Storm Helka"}

var agencies = []string{
	"the Red Cross", "the regional disaster agency", "the United Nations refugee agency", "the national weather service",
	"the coast guard", "the health ministry", "local police", "the statistics office",
}
