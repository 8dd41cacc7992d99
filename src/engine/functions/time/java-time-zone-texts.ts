/**
 * The zone texts java.time's `DateTimeFormatter` prints and reads for `z` (short) and `zzzz` (long) in Locale US,
 * generated from Java 17: for each group of zones, short standard | short daylight | short generic | long standard
 * | long daylight | long generic names. Java prints the standard or daylight name by whether the instant is in
 * daylight time, whatever the year (so they are the zone's current names); Intl's names differ for most zones
 * outside the US ("GMT+5:30" where Java prints "IST").
 */
const TEXTS: readonly (readonly [string, string])[] = [
  [
    'GMT|GMT|GMT|Greenwich Mean Time|Greenwich Mean Time|Greenwich Mean Time',
    'Africa/Abidjan Africa/Bamako Africa/Banjul Africa/Bissau Africa/Conakry Africa/Dakar Africa/Freetown Africa/Lome Africa/Monrovia Africa/Nouakchott Africa/Ouagadougou Africa/Sao_Tome Africa/Timbuktu America/Danmarkshavn Atlantic/Reykjavik Atlantic/St_Helena Etc/GMT Etc/GMT+0 Etc/GMT-0 Etc/GMT0 Etc/Greenwich GMT GMT0 Greenwich Iceland',
  ],
  ['GMT|GMT|GMT|Greenwich Mean Time|Greenwich Mean Time|Ghana Mean Time', 'Africa/Accra'],
  [
    'EAT|EAT|EAT|East Africa Time|East Africa Time|Eastern Africa Time',
    'Africa/Addis_Ababa Africa/Asmara Africa/Asmera Africa/Dar_es_Salaam Africa/Djibouti Africa/Kampala Africa/Mogadishu Africa/Nairobi Indian/Antananarivo Indian/Comoro Indian/Mayotte',
  ],
  [
    'CET|CEST|CET|Central European Standard Time|Central European Summer Time|Central European Time',
    'Africa/Algiers Africa/Ceuta Africa/Tunis Arctic/Longyearbyen Atlantic/Jan_Mayen Europe/Amsterdam Europe/Andorra Europe/Belgrade Europe/Berlin Europe/Bratislava Europe/Brussels Europe/Budapest Europe/Busingen Europe/Copenhagen Europe/Gibraltar Europe/Ljubljana Europe/Luxembourg Europe/Madrid Europe/Malta Europe/Monaco Europe/Oslo Europe/Paris Europe/Podgorica Europe/Prague Europe/Rome Europe/San_Marino Europe/Sarajevo Europe/Skopje Europe/Stockholm Europe/Tirane Europe/Vaduz Europe/Vatican Europe/Vienna Europe/Warsaw Europe/Zagreb Europe/Zurich Poland',
  ],
  [
    'WAT|WAT|WAT|West Africa Standard Time|West Africa Standard Time|West Africa Time',
    'Africa/Bangui Africa/Brazzaville Africa/Douala Africa/Kinshasa Africa/Lagos Africa/Libreville Africa/Luanda Africa/Malabo Africa/Niamey Africa/Porto-Novo',
  ],
  [
    'CAT|CAT|CAT|Central Africa Time|Central Africa Time|Central Africa Time',
    'Africa/Blantyre Africa/Bujumbura Africa/Gaborone Africa/Harare Africa/Kigali Africa/Lubumbashi Africa/Lusaka Africa/Maputo',
  ],
  [
    'EET|EEST|EET|Eastern European Standard Time|Eastern European Summer Time|Eastern European Time',
    'Africa/Cairo Africa/Tripoli Asia/Amman Asia/Beirut Asia/Damascus Asia/Gaza Asia/Hebron Asia/Nicosia Egypt Europe/Athens Europe/Bucharest Europe/Chisinau Europe/Helsinki Europe/Kaliningrad Europe/Kiev Europe/Kyiv Europe/Mariehamn Europe/Nicosia Europe/Riga Europe/Sofia Europe/Tallinn Europe/Tiraspol Europe/Uzhgorod Europe/Vilnius Europe/Zaporozhye Libya',
  ],
  [
    'WET|WEST|WET|Western European Time|Western European Summer Time|Western European Time',
    'Africa/Casablanca Africa/El_Aaiun WET',
  ],
  [
    'SAST|SAST|SAT|South Africa Standard Time|South Africa Summer Time|South Africa Time',
    'Africa/Johannesburg Africa/Maseru Africa/Mbabane',
  ],
  ['CAT|CAST|CAT|Central Africa Time|Central African Summer Time|Central Africa Time', 'Africa/Juba Africa/Khartoum'],
  ['WAT|WAST|WAT|West Africa Standard Time|West Africa Summer Time|West Africa Time', 'Africa/Ndjamena'],
  ['WAT|WAT|CAT|Western African Time|Western African Time|Central African Time', 'Africa/Windhoek'],
  [
    'HAST|HADT|HAT|Hawaii-Aleutian Standard Time|Hawaii-Aleutian Daylight Time|Hawaii-Aleutian Time',
    'America/Adak America/Atka Pacific/Johnston US/Aleutian',
  ],
  [
    'AKST|AKDT|AKT|Alaska Standard Time|Alaska Daylight Time|Alaska Time',
    'America/Anchorage America/Juneau America/Metlakatla America/Nome America/Sitka America/Yakutat SystemV/YST9YDT US/Alaska',
  ],
  [
    'AST|ADT|AT|Atlantic Standard Time|Atlantic Daylight Time|Atlantic Time',
    'America/Anguilla America/Antigua America/Aruba America/Barbados America/Blanc-Sablon America/Curacao America/Dominica America/Glace_Bay America/Goose_Bay America/Grenada America/Guadeloupe America/Halifax America/Kralendijk America/Lower_Princes America/Marigot America/Martinique America/Moncton America/Montserrat America/Port_of_Spain America/Puerto_Rico America/Santo_Domingo America/St_Barthelemy America/St_Kitts America/St_Lucia America/St_Thomas America/St_Vincent America/Thule America/Tortola America/Virgin Atlantic/Bermuda Canada/Atlantic SystemV/AST4ADT',
  ],
  [
    'BRT|BRST|BRT|Brasilia Standard Time|Brasilia Summer Time|Brasilia Time',
    'America/Araguaina America/Bahia America/Belem America/Fortaleza America/Maceio America/Recife America/Santarem America/Sao_Paulo Brazil/East',
  ],
  [
    'ART|ARST|ART|Argentina Standard Time|Argentina Summer Time|Argentina Time',
    'America/Argentina/Buenos_Aires America/Argentina/Catamarca America/Argentina/ComodRivadavia America/Argentina/Cordoba America/Argentina/Jujuy America/Argentina/La_Rioja America/Argentina/Mendoza America/Argentina/Rio_Gallegos America/Argentina/Salta America/Argentina/San_Juan America/Argentina/San_Luis America/Argentina/Tucuman America/Argentina/Ushuaia America/Buenos_Aires America/Catamarca America/Cordoba America/Jujuy America/Mendoza America/Rosario',
  ],
  ['PYT|PYST|PYT|Paraguay Standard Time|Paraguay Summer Time|Paraguay Time', 'America/Asuncion'],
  [
    'EST|EST|ET|Eastern Standard Time|Eastern Standard Time|Eastern Time',
    'America/Atikokan America/Cayman America/Coral_Harbour America/Panama SystemV/EST5',
  ],
  [
    'CST|CDT|CT|Central Standard Time|Central Daylight Time|Central Time',
    'America/Bahia_Banderas America/Belize America/Chicago America/Chihuahua America/Costa_Rica America/El_Salvador America/Guatemala America/Indiana/Knox America/Indiana/Tell_City America/Knox_IN America/Managua America/Matamoros America/Menominee America/Merida America/Mexico_City America/Monterrey America/North_Dakota/Beulah America/North_Dakota/Center America/North_Dakota/New_Salem America/Ojinaga America/Rainy_River America/Rankin_Inlet America/Regina America/Resolute America/Swift_Current America/Tegucigalpa America/Winnipeg CST6CDT Canada/Central Canada/Saskatchewan Mexico/General SystemV/CST6CDT US/Central US/Indiana-Starke',
  ],
  [
    'AMT|AMST|AMT|Amazon Standard Time|Amazon Summer Time|Amazon Time',
    'America/Boa_Vista America/Campo_Grande America/Cuiaba America/Manaus America/Porto_Velho Brazil/West',
  ],
  ['COT|COST|COT|Colombia Standard Time|Colombia Summer Time|Colombia Time', 'America/Bogota'],
  [
    'MST|MDT|MT|Mountain Standard Time|Mountain Daylight Time|Mountain Time',
    'America/Boise America/Cambridge_Bay America/Ciudad_Juarez America/Creston America/Dawson America/Dawson_Creek America/Denver America/Edmonton America/Fort_Nelson America/Inuvik America/Phoenix America/Shiprock America/Whitehorse America/Yellowknife Canada/Mountain Canada/Yukon MST7MDT Navajo SystemV/MST7MDT US/Arizona US/Mountain',
  ],
  [
    'EST|EDT|ET|Eastern Standard Time|Eastern Daylight Time|Eastern Time',
    'America/Cancun America/Detroit America/Fort_Wayne America/Grand_Turk America/Indiana/Indianapolis America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay America/Indiana/Vincennes America/Indiana/Winamac America/Indianapolis America/Iqaluit America/Jamaica America/Kentucky/Louisville America/Kentucky/Monticello America/Louisville America/Montreal America/Nassau America/New_York America/Nipigon America/Pangnirtung America/Port-au-Prince America/Thunder_Bay America/Toronto Canada/Eastern EST5EDT Jamaica SystemV/EST5EDT US/East-Indiana US/Eastern US/Michigan',
  ],
  ['VET|VET|VET|Venezuela Time|Venezuela Time|Venezuela Time', 'America/Caracas'],
  ['GFT|GFT|GFT|French Guiana Time|French Guiana Time|French Guiana Time', 'America/Cayenne'],
  [
    'ACT|ACST|ACT|Acre Standard Time|Acre Summer Time|Acre Time',
    'America/Eirunepe America/Porto_Acre America/Rio_Branco Brazil/Acre',
  ],
  [
    'PST|PDT|PT|Pacific Standard Time|Pacific Daylight Time|Pacific Time',
    'America/Ensenada America/Los_Angeles America/Tijuana America/Vancouver Canada/Pacific Mexico/BajaNorte PST8PDT SystemV/PST8PDT US/Pacific',
  ],
  [
    'WGT|WGST|WGT|West Greenland Standard Time|West Greenland Summer Time|West Greenland Time',
    'America/Godthab America/Nuuk',
  ],
  ['ECT|ECST|ECT|Ecuador Time|Ecuador Summer Time|Ecuador Time', 'America/Guayaquil'],
  ['GYT|GYT|GYT|Guyana Time|Guyana Time|Guyana Time', 'America/Guyana'],
  ['CST|CDT|CT|Cuba Standard Time|Cuba Daylight Time|Cuba Time', 'America/Havana Cuba'],
  [
    'MST|MDT|MT|Mexican Pacific Standard Time|Mexican Pacific Daylight Time|Mexican Pacific Time',
    'America/Hermosillo America/Mazatlan Mexico/BajaSur',
  ],
  ['BOT|BOST|BOT|Bolivia Time|Bolivia Summer Time|Bolivia Time', 'America/La_Paz'],
  ['PET|PEST|PET|Peru Standard Time|Peru Summer Time|Peru Time', 'America/Lima'],
  [
    'PMST|PMDT|PMT|St. Pierre & Miquelon Standard Time|St. Pierre & Miquelon Daylight Time|St. Pierre & Miquelon Time',
    'America/Miquelon',
  ],
  ['UYT|UYST|UYT|Uruguay Standard Time|Uruguay Summer Time|Uruguay Time', 'America/Montevideo'],
  [
    'FNT|FNST|FNT|Fernando de Noronha Standard Time|Fernando de Noronha Summer Time|Fernando de Noronha Time',
    'America/Noronha Brazil/DeNoronha',
  ],
  ['SRT|SRT|SRT|Suriname Time|Suriname Time|Suriname Time', 'America/Paramaribo'],
  [
    'GMT-03:00|GMT-03:00|GMT-03:00|Punta Arenas Standard Time|Punta Arenas Standard Time|Punta Arenas Time',
    'America/Punta_Arenas',
  ],
  [
    'PST|PDT|PT|Northwest Mexico Standard Time|Northwest Mexico Daylight Time|Northwest Mexico Time',
    'America/Santa_Isabel',
  ],
  ['CLT|CLST|CLT|Chile Standard Time|Chile Summer Time|Chile Time', 'America/Santiago Chile/Continental'],
  ['EGT|EGST|EGT|East Greenland Standard Time|East Greenland Summer Time|East Greenland Time', 'America/Scoresbysund'],
  [
    'NST|NDT|NT|Newfoundland Standard Time|Newfoundland Daylight Time|Newfoundland Time',
    'America/St_Johns Canada/Newfoundland',
  ],
  ['AWST|AWST|AWT|Casey Time|Casey Time|Australian Western Time', 'Antarctica/Casey'],
  ['DAVT|DAVT|DAVT|Davis Time|Davis Time|Davis Time', 'Antarctica/Davis'],
  ["DDUT|DDUT|DDUT|Dumont-d’Urville Time|Dumont-d’Urville Time|Dumont-d'Urville Time", 'Antarctica/DumontDUrville'],
  [
    'AEST|AEDT|AET|Australian Eastern Standard Time|Australian Eastern Daylight Time|Eastern Australia Time',
    'Antarctica/Macquarie Australia/ACT Australia/Brisbane Australia/Canberra Australia/Currie Australia/Hobart Australia/Lindeman Australia/Melbourne Australia/NSW Australia/Queensland Australia/Sydney Australia/Tasmania Australia/Victoria',
  ],
  ['MAWT|MAWT|MAWT|Mawson Time|Mawson Time|Mawson Time', 'Antarctica/Mawson'],
  [
    'NZST|NZDT|NZT|New Zealand Standard Time|New Zealand Daylight Time|New Zealand Time',
    'Antarctica/McMurdo Antarctica/South_Pole NZ Pacific/Auckland',
  ],
  ['CLT|CLST|CLT|Chile Time|Chile Summer Time|Chile Time', 'Antarctica/Palmer'],
  ['ROTT|ROTT|ROTT|Rothera Time|Rothera Time|Rothera Time', 'Antarctica/Rothera'],
  ['SYOT|SYOT|SYOT|Syowa Time|Syowa Time|Syowa Time', 'Antarctica/Syowa'],
  ['GMT|CEST|ATT|Greenwich Mean Time|Central European Summer Time|Troll Time', 'Antarctica/Troll'],
  ['VOST|VOST|VOST|Vostok Time|Vostok Time|Vostok Time', 'Antarctica/Vostok'],
  [
    'AST|AST|AT|Arabian Standard Time|Arabian Standard Time|Arabian Time',
    'Asia/Aden Asia/Bahrain Asia/Kuwait Asia/Qatar Asia/Riyadh',
  ],
  ['ALMT|ALMST|ALMT|East Kazakhstan Time|Alma-Ata Summer Time|Alma-Ata Time', 'Asia/Almaty'],
  ['ANAT|ANAST|ANAT|Anadyr Standard Time|Anadyr Summer Time|Anadyr Time', 'Asia/Anadyr'],
  ['AQTT|AQTST|AQTT|West Kazakhstan Time|Aqtau Summer Time|Aqtau Time', 'Asia/Aqtau'],
  ['AQTT|AQTST|AQTT|West Kazakhstan Time|Aqtobe Summer Time|Aqtobe Time', 'Asia/Aqtobe'],
  [
    'TMT|TMST|TMT|Turkmenistan Standard Time|Turkmenistan Summer Time|Turkmenistan Time',
    'Asia/Ashgabat Asia/Ashkhabad',
  ],
  ['GMT+05:00|GMT+05:00|GMT+05:00|West Kazakhstan Time|Atyrau Daylight Time|Atyrau Time', 'Asia/Atyrau'],
  ['AST|ADT|AT|Arabian Standard Time|Arabian Daylight Time|Arabian Time', 'Asia/Baghdad'],
  ['AZT|AZST|AZT|Azerbaijan Standard Time|Azerbaijan Summer Time|Azerbaijan Time', 'Asia/Baku'],
  [
    'ICT|ICT|ICT|Indochina Time|Indochina Time|Indochina Time',
    'Asia/Bangkok Asia/Ho_Chi_Minh Asia/Phnom_Penh Asia/Saigon Asia/Vientiane',
  ],
  ['GMT+07:00|GMT+07:00|GMT+07:00|Barnaul Standard Time|Barnaul Daylight Time|Barnaul Time', 'Asia/Barnaul'],
  ['KGT|KGST|KGT|Kyrgyzstan Time|Kirgizstan Summer Time|Kirgizstan Time', 'Asia/Bishkek'],
  ['BNT|BNST|BNT|Brunei Darussalam Time|Brunei Summer Time|Brunei Time', 'Asia/Brunei'],
  ['IST|IDT|IT|India Standard Time|India Daylight Time|India Time', 'Asia/Calcutta Asia/Colombo Asia/Kolkata'],
  ['YAKT|YAKST|YAKT|Yakutsk Standard Time|Yakutsk Summer Time|Yakutsk Time', 'Asia/Chita Asia/Khandyga Asia/Yakutsk'],
  ['CHOT|CHOST|CHOT|Ulaanbaatar Standard Time|Ulaanbaatar Summer Time|Ulaanbaatar Time', 'Asia/Choibalsan'],
  [
    'CST|CDT|CT|China Standard Time|China Daylight Time|China Time',
    'Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Macao Asia/Macau Asia/Shanghai PRC',
  ],
  ['BDT|BDST|BDT|Bangladesh Standard Time|Bangladesh Summer Time|Bangladesh Time', 'Asia/Dacca Asia/Dhaka'],
  ['TLT|TLT|TLT|East Timor Time|East Timor Time|Timor-Leste Time', 'Asia/Dili'],
  ['GST|GST|GT|Gulf Standard Time|Gulf Standard Time|Gulf Time', 'Asia/Dubai Asia/Muscat'],
  ['TJT|TJST|TJT|Tajikistan Time|Tajikistan Summer Time|Tajikistan Time', 'Asia/Dushanbe'],
  ['EET|EEST|EET|Eastern European Time|Eastern European Summer Time|Eastern European Time', 'Asia/Famagusta EET'],
  ['HKT|HKST|HKT|Hong Kong Standard Time|Hong Kong Summer Time|Hong Kong Time', 'Asia/Hong_Kong Hongkong'],
  ['HOVT|HOVST|HOVT|Hovd Standard Time|Hovd Summer Time|Hovd Time', 'Asia/Hovd'],
  ['IRKT|IRKST|IRKT|Irkutsk Standard Time|Irkutsk Summer Time|Irkutsk Time', 'Asia/Irkutsk'],
  ['TRT|TRST|TRT|Turkey Time|Turkey Summer Time|Turkey Time', 'Asia/Istanbul Europe/Istanbul Turkey'],
  ['WIB|WIB|WIB|Western Indonesia Time|Western Indonesia Time|West Indonesia Time', 'Asia/Jakarta Asia/Pontianak'],
  ['WIT|WIT|WIT|Eastern Indonesia Time|Eastern Indonesia Time|East Indonesia Time', 'Asia/Jayapura'],
  ['IST|IDT|IT|Israel Standard Time|Israel Daylight Time|Israel Time', 'Asia/Jerusalem Asia/Tel_Aviv Israel'],
  ['AFT|AFT|AFT|Afghanistan Time|Afghanistan Time|Afghanistan Time', 'Asia/Kabul'],
  [
    'PETT|PETST|PETT|Petropavlovsk-Kamchatski Standard Time|Petropavlovsk-Kamchatski Summer Time|Petropavlovsk-Kamchatski Time',
    'Asia/Kamchatka',
  ],
  ['PKT|PKST|PKT|Pakistan Standard Time|Pakistan Summer Time|Pakistan Time', 'Asia/Karachi'],
  ['XJT|XJT|XJT|Xinjiang Standard Time|Xinjiang Standard Time|Xinjiang Time', 'Asia/Kashgar Asia/Urumqi'],
  ['NPT|NPT|NPT|Nepal Time|Nepal Time|Nepal Time', 'Asia/Kathmandu Asia/Katmandu'],
  [
    'KRAT|KRAST|KRAT|Krasnoyarsk Standard Time|Krasnoyarsk Summer Time|Krasnoyarsk Time',
    'Asia/Krasnoyarsk Asia/Novokuznetsk',
  ],
  ['MYT|MYST|MYT|Malaysia Time|Malaysia Summer Time|Malaysia Time', 'Asia/Kuala_Lumpur Asia/Kuching'],
  ['MAGT|MAGST|MAGT|Magadan Standard Time|Magadan Summer Time|Magadan Time', 'Asia/Magadan'],
  [
    'WITA|WITA|WITA|Central Indonesia Time|Central Indonesia Time|Central Indonesia Time',
    'Asia/Makassar Asia/Ujung_Pandang',
  ],
  ['PST|PDT|PT|Philippine Standard Time|Philippine Summer Time|Philippine Time', 'Asia/Manila'],
  ['NOVT|NOVST|NOVT|Novosibirsk Standard Time|Novosibirsk Summer Time|Novosibirsk Time', 'Asia/Novosibirsk'],
  ['OMST|OMSST|OMST|Omsk Standard Time|Omsk Summer Time|Omsk Time', 'Asia/Omsk'],
  ['ORAT|ORAST|ORAT|West Kazakhstan Time|Oral Summer Time|Oral Time', 'Asia/Oral'],
  ['KST|KST|KT|Korean Standard Time|Korean Standard Time|Korean Time', 'Asia/Pyongyang'],
  ['QOST|QOSST|QOST|East Kazakhstan Time|Kostanay Summer Time|Kostanay Time', 'Asia/Qostanay'],
  ['QYZT|QYZST|QYZT|West Kazakhstan Time|Qyzylorda Summer Time|Qyzylorda Time', 'Asia/Qyzylorda'],
  ['MMT|MMT|MMT|Myanmar Time|Myanmar Time|Myanmar Time', 'Asia/Rangoon Asia/Yangon'],
  ['SAKT|SAKST|SAKT|Sakhalin Standard Time|Sakhalin Summer Time|Sakhalin Time', 'Asia/Sakhalin'],
  ['UZT|UZST|UZT|Uzbekistan Standard Time|Uzbekistan Summer Time|Uzbekistan Time', 'Asia/Samarkand Asia/Tashkent'],
  ['KST|KDT|KT|Korean Standard Time|Korean Daylight Time|Korean Time', 'Asia/Seoul ROK'],
  ['SGT|SGST|SGT|Singapore Standard Time|Singapore Summer Time|Singapore Time', 'Asia/Singapore Singapore'],
  ['SRET|SREDT|SRET|Srednekolymsk Time|Srednekolymsk Daylight Time|Srednekolymsk Time', 'Asia/Srednekolymsk'],
  ['CST|CDT|CT|Taipei Standard Time|Taipei Daylight Time|Taipei Time', 'Asia/Taipei'],
  ['GET|GEST|GET|Georgia Standard Time|Georgia Summer Time|Georgia Time', 'Asia/Tbilisi'],
  ['IRST|IRDT|IRT|Iran Standard Time|Iran Daylight Time|Iran Time', 'Asia/Tehran Iran'],
  ['BTT|BTT|BTT|Bhutan Time|Bhutan Time|Bhutan Time', 'Asia/Thimbu Asia/Thimphu'],
  ['JST|JDT|JT|Japan Standard Time|Japan Daylight Time|Japan Time', 'Asia/Tokyo Japan'],
  ['GMT+07:00|GMT+07:00|GMT+07:00|Tomsk Standard Time|Tomsk Daylight Time|Tomsk Time', 'Asia/Tomsk'],
  [
    'ULAT|ULAST|ULAT|Ulaanbaatar Standard Time|Ulaanbaatar Summer Time|Ulaanbaatar Time',
    'Asia/Ulaanbaatar Asia/Ulan_Bator',
  ],
  [
    'VLAT|VLAST|VLAT|Vladivostok Standard Time|Vladivostok Summer Time|Vladivostok Time',
    'Asia/Ust-Nera Asia/Vladivostok',
  ],
  ['YEKT|YEKST|YEKT|Yekaterinburg Standard Time|Yekaterinburg Summer Time|Yekaterinburg Time', 'Asia/Yekaterinburg'],
  ['AMT|AMST|AMT|Armenia Standard Time|Armenia Summer Time|Armenia Time', 'Asia/Yerevan'],
  ['AZOT|AZOST|AZOT|Azores Standard Time|Azores Summer Time|Azores Time', 'Atlantic/Azores'],
  [
    'WET|WEST|WET|Western European Standard Time|Western European Summer Time|Western European Time',
    'Atlantic/Canary Atlantic/Faeroe Atlantic/Faroe Atlantic/Madeira Europe/Lisbon Portugal',
  ],
  ['CVT|CVST|CVT|Cape Verde Standard Time|Cape Verde Summer Time|Cape Verde Time', 'Atlantic/Cape_Verde'],
  ['GST|GST|GT|South Georgia Time|South Georgia Time|South Georgia Time', 'Atlantic/South_Georgia'],
  [
    'FKT|FKST|FKT|Falkland Islands Standard Time|Falkland Islands Summer Time|Falkland Islands Time',
    'Atlantic/Stanley',
  ],
  [
    'ACST|ACDT|ACT|Australian Central Standard Time|Australian Central Daylight Time|Central Australia Time',
    'Australia/Adelaide Australia/Broken_Hill Australia/Darwin Australia/North Australia/South Australia/Yancowinna',
  ],
  [
    'ACWST|ACWDT|ACWT|Australian Central Western Standard Time|Australian Central Western Daylight Time|Australian Central Western Time',
    'Australia/Eucla',
  ],
  ['LHST|LHDT|LHT|Lord Howe Standard Time|Lord Howe Daylight Time|Lord Howe Time', 'Australia/LHI Australia/Lord_Howe'],
  [
    'AWST|AWDT|AWT|Australian Western Standard Time|Australian Western Daylight Time|Western Australia Time',
    'Australia/Perth Australia/West',
  ],
  ['CET|CEST|CET|Central European Time|Central European Summer Time|Central European Time', 'CET'],
  [
    'EAST|EASST|EAST|Easter Island Standard Time|Easter Island Summer Time|Easter Island Time',
    'Chile/EasterIsland Pacific/Easter',
  ],
  ['GMT|IST|IT|Greenwich Mean Time|Irish Standard Time|Irish Time', 'Eire Europe/Dublin'],
  ['GMT-01:00|GMT-01:00|GMT-01:00|GMT-01:00|GMT-01:00|GMT-01:00', 'Etc/GMT+1'],
  ['GMT-10:00|GMT-10:00|GMT-10:00|GMT-10:00|GMT-10:00|GMT-10:00', 'Etc/GMT+10'],
  ['GMT-11:00|GMT-11:00|GMT-11:00|GMT-11:00|GMT-11:00|GMT-11:00', 'Etc/GMT+11'],
  ['GMT-12:00|GMT-12:00|GMT-12:00|GMT-12:00|GMT-12:00|GMT-12:00', 'Etc/GMT+12'],
  ['GMT-02:00|GMT-02:00|GMT-02:00|GMT-02:00|GMT-02:00|GMT-02:00', 'Etc/GMT+2'],
  ['GMT-03:00|GMT-03:00|GMT-03:00|GMT-03:00|GMT-03:00|GMT-03:00', 'Etc/GMT+3'],
  ['GMT-04:00|GMT-04:00|GMT-04:00|GMT-04:00|GMT-04:00|GMT-04:00', 'Etc/GMT+4'],
  ['GMT-05:00|GMT-05:00|GMT-05:00|GMT-05:00|GMT-05:00|GMT-05:00', 'Etc/GMT+5'],
  ['GMT-06:00|GMT-06:00|GMT-06:00|GMT-06:00|GMT-06:00|GMT-06:00', 'Etc/GMT+6'],
  ['GMT-07:00|GMT-07:00|GMT-07:00|GMT-07:00|GMT-07:00|GMT-07:00', 'Etc/GMT+7'],
  ['GMT-08:00|GMT-08:00|GMT-08:00|GMT-08:00|GMT-08:00|GMT-08:00', 'Etc/GMT+8'],
  ['GMT-09:00|GMT-09:00|GMT-09:00|GMT-09:00|GMT-09:00|GMT-09:00', 'Etc/GMT+9'],
  ['GMT+01:00|GMT+01:00|GMT+01:00|GMT+01:00|GMT+01:00|GMT+01:00', 'Etc/GMT-1'],
  ['GMT+10:00|GMT+10:00|GMT+10:00|GMT+10:00|GMT+10:00|GMT+10:00', 'Etc/GMT-10'],
  ['GMT+11:00|GMT+11:00|GMT+11:00|GMT+11:00|GMT+11:00|GMT+11:00', 'Etc/GMT-11'],
  ['GMT+12:00|GMT+12:00|GMT+12:00|GMT+12:00|GMT+12:00|GMT+12:00', 'Etc/GMT-12'],
  ['GMT+13:00|GMT+13:00|GMT+13:00|GMT+13:00|GMT+13:00|GMT+13:00', 'Etc/GMT-13'],
  ['GMT+14:00|GMT+14:00|GMT+14:00|GMT+14:00|GMT+14:00|GMT+14:00', 'Etc/GMT-14'],
  ['GMT+02:00|GMT+02:00|GMT+02:00|GMT+02:00|GMT+02:00|GMT+02:00', 'Etc/GMT-2'],
  ['GMT+03:00|GMT+03:00|GMT+03:00|GMT+03:00|GMT+03:00|GMT+03:00', 'Etc/GMT-3'],
  ['GMT+04:00|GMT+04:00|GMT+04:00|GMT+04:00|GMT+04:00|GMT+04:00', 'Etc/GMT-4'],
  ['GMT+05:00|GMT+05:00|GMT+05:00|GMT+05:00|GMT+05:00|GMT+05:00', 'Etc/GMT-5'],
  ['GMT+06:00|GMT+06:00|GMT+06:00|GMT+06:00|GMT+06:00|GMT+06:00', 'Etc/GMT-6'],
  ['GMT+07:00|GMT+07:00|GMT+07:00|GMT+07:00|GMT+07:00|GMT+07:00', 'Etc/GMT-7'],
  ['GMT+08:00|GMT+08:00|GMT+08:00|GMT+08:00|GMT+08:00|GMT+08:00', 'Etc/GMT-8'],
  ['GMT+09:00|GMT+09:00|GMT+09:00|GMT+09:00|GMT+09:00|GMT+09:00', 'Etc/GMT-9'],
  [
    'UTC|UTC|UTC|Coordinated Universal Time|Coordinated Universal Time|Coordinated Universal Time',
    'Etc/UCT Etc/UTC Etc/Universal Etc/Zulu UCT UTC Universal Zulu',
  ],
  ['GMT+04:00|GMT+04:00|GMT+04:00|Astrakhan Standard Time|Astrakhan Standard Time|Astrakhan Time', 'Europe/Astrakhan'],
  [
    'GMT|BST|BT|Greenwich Mean Time|British Summer Time|British Time',
    'Europe/Belfast Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Europe/London GB GB-Eire',
  ],
  ['MSK|MSD|MT|Moscow Standard Time|Moscow Daylight Time|Moscow Time', 'Europe/Kirov'],
  [
    'MSK|MSD|MT|Moscow Standard Time|Moscow Summer Time|Moscow Time',
    'Europe/Minsk Europe/Moscow Europe/Simferopol W-SU',
  ],
  ['SAMT|SAMST|SAMT|Samara Standard Time|Samara Summer Time|Samara Time', 'Europe/Samara'],
  ['GMT+04:00|GMT+04:00|GMT+04:00|Saratov Standard Time|Saratov Standard Time|Saratov Time', 'Europe/Saratov'],
  ['GMT+04:00|GMT+04:00|GMT+04:00|Ulyanovsk Standard Time|Ulyanovsk Standard Time|Ulyanovsk Time', 'Europe/Ulyanovsk'],
  ['MSK|MSD|MT|Volgograd Standard Time|Volgograd Summer Time|Volgograd Time', 'Europe/Volgograd'],
  ['IOT|IOT|IOT|Indian Ocean Time|Indian Ocean Time|Indian Ocean Territory Time', 'Indian/Chagos'],
  ['CXT|CXT|CIT|Christmas Island Time|Christmas Island Time|Christmas Island Time', 'Indian/Christmas'],
  ['CCT|CCT|CCT|Cocos Islands Time|Cocos Islands Time|Cocos Islands Time', 'Indian/Cocos'],
  [
    'TFT|TFT|TFT|French Southern & Antarctic Time|French Southern & Antarctic Time|French Southern & Antarctic Lands Time',
    'Indian/Kerguelen',
  ],
  ['SCT|SCT|SCT|Seychelles Time|Seychelles Time|Seychelles Time', 'Indian/Mahe'],
  ['MVT|MVT|MVT|Maldives Time|Maldives Time|Maldives Time', 'Indian/Maldives'],
  ['MUT|MUST|MUT|Mauritius Standard Time|Mauritius Summer Time|Mauritius Time', 'Indian/Mauritius'],
  ['RET|RET|RET|Réunion Time|Réunion Time|Reunion Time', 'Indian/Reunion'],
  [
    'MHT|MHT|MHT|Marshall Islands Time|Marshall Islands Time|Marshall Islands Time',
    'Kwajalein Pacific/Kwajalein Pacific/Majuro',
  ],
  ['MET|MEST|MET|Middle Europe Time|Middle Europe Summer Time|Middle Europe Time', 'MET'],
  ['CHAST|CHADT|CHAT|Chatham Standard Time|Chatham Daylight Time|Chatham Time', 'NZ-CHAT Pacific/Chatham'],
  ['WSST|WSDT|WST|Apia Standard Time|Apia Daylight Time|Apia Time', 'Pacific/Apia'],
  ['BST|BST|BT|Bougainville Standard Time|Bougainville Standard Time|Bougainville Time', 'Pacific/Bougainville'],
  ['CHUT|CHUT|CHUT|Chuuk Time|Chuuk Time|Chuuk Time', 'Pacific/Chuuk Pacific/Truk Pacific/Yap'],
  ['VUT|VUST|VUT|Vanuatu Standard Time|Vanuatu Summer Time|Vanuatu Time', 'Pacific/Efate'],
  ['PHOT|PHOT|PHOT|Phoenix Islands Time|Phoenix Islands Time|Phoenix Is. Time', 'Pacific/Enderbury'],
  ['TKT|TKT|TKT|Tokelau Time|Tokelau Time|Tokelau Time', 'Pacific/Fakaofo'],
  ['FJT|FJST|FJT|Fiji Standard Time|Fiji Summer Time|Fiji Time', 'Pacific/Fiji'],
  ['TVT|TVT|TVT|Tuvalu Time|Tuvalu Time|Tuvalu Time', 'Pacific/Funafuti'],
  ['GALT|GALST|GALT|Galapagos Time|Galapagos Summer Time|Galapagos Time', 'Pacific/Galapagos'],
  ['GAMT|GAMT|GAMT|Gambier Time|Gambier Time|Gambier Time', 'Pacific/Gambier'],
  ['SBT|SBT|SBT|Solomon Islands Time|Solomon Islands Time|Solomon Is. Time', 'Pacific/Guadalcanal'],
  ['ChST|ChDT|ChT|Chamorro Standard Time|Chamorro Daylight Time|Chamorro Time', 'Pacific/Guam Pacific/Saipan'],
  [
    'HST|HDT|HST|Hawaii-Aleutian Standard Time|Hawaii-Aleutian Daylight Time|Hawaii-Aleutian Time',
    'Pacific/Honolulu US/Hawaii',
  ],
  ['GMT+13:00|GMT+13:00|GMT+13:00|Kanton Standard Time|Kanton Standard Time|Kanton Time', 'Pacific/Kanton'],
  ['LINT|LINT|LINT|Line Islands Time|Line Islands Time|Line Is. Time', 'Pacific/Kiritimati'],
  ['KOST|KOST|KOST|Kosrae Time|Kosrae Time|Kosrae Time', 'Pacific/Kosrae'],
  ['MART|MART|MART|Marquesas Time|Marquesas Time|Marquesas Time', 'Pacific/Marquesas'],
  [
    'SST|SST|ST|Samoa Standard Time|Samoa Standard Time|Samoa Time',
    'Pacific/Midway Pacific/Pago_Pago Pacific/Samoa US/Samoa',
  ],
  ['NRT|NRT|NRT|Nauru Time|Nauru Time|Nauru Time', 'Pacific/Nauru'],
  ['NUT|NUT|NUT|Niue Time|Niue Time|Niue Time', 'Pacific/Niue'],
  ['NFT|NFST|NFT|Norfolk Island Standard Time|Norfolk Island Daylight Time|Norfolk Island Time', 'Pacific/Norfolk'],
  ['NCT|NCST|NCT|New Caledonia Standard Time|New Caledonia Summer Time|New Caledonia Time', 'Pacific/Noumea'],
  ['PWT|PWT|PWT|Palau Time|Palau Time|Palau Time', 'Pacific/Palau'],
  ['PST|PST|PT|Pitcairn Time|Pitcairn Time|Pitcairn Time', 'Pacific/Pitcairn'],
  ['PONT|PONT|PONT|Ponape Time|Ponape Time|Ponape Time', 'Pacific/Pohnpei Pacific/Ponape'],
  ['PGT|PGT|PGT|Papua New Guinea Time|Papua New Guinea Time|Papua New Guinea Time', 'Pacific/Port_Moresby'],
  ['CKT|CKHST|CKT|Cook Islands Standard Time|Cook Islands Half Summer Time|Cook Islands Time', 'Pacific/Rarotonga'],
  ['TAHT|TAHT|TAHT|Tahiti Time|Tahiti Time|Tahiti Time', 'Pacific/Tahiti'],
  ['GILT|GILT|GILT|Gilbert Islands Time|Gilbert Islands Time|Gilbert Is. Time', 'Pacific/Tarawa'],
  ['TOT|TOST|TOT|Tonga Standard Time|Tonga Summer Time|Tonga Time', 'Pacific/Tongatapu'],
  ['WAKT|WAKT|WAKT|Wake Island Time|Wake Island Time|Wake Time', 'Pacific/Wake'],
  ['WFT|WFT|WFT|Wallis & Futuna Time|Wallis & Futuna Time|Wallis & Futuna Time', 'Pacific/Wallis'],
  ['AST|AST|AT|Atlantic Standard Time|Atlantic Standard Time|Atlantic Time', 'SystemV/AST4'],
  ['CST|CST|CT|Central Standard Time|Central Standard Time|Central Time', 'SystemV/CST6'],
  ['HST|HST|HST|Hawaii-Aleutian Standard Time|Hawaii-Aleutian Standard Time|Hawaii-Aleutian Time', 'SystemV/HST10'],
  ['MST|MST|MT|Mountain Standard Time|Mountain Standard Time|Mountain Time', 'SystemV/MST7'],
  ['PST|PST|PST|Pitcairn Time|Pitcairn Time|Pitcairn Time', 'SystemV/PST8'],
  ['AKST|AKST|AKST|Gambier Time|Gambier Time|Gambier Time', 'SystemV/YST9'],
];

export interface ZoneTexts {
  readonly shortStandard: string;
  readonly shortDaylight: string;
  readonly longStandard: string;
  readonly longDaylight: string;
}

let byZone: Map<string, ZoneTexts> | undefined;
let shortNames: readonly string[] | undefined;
let longNames: readonly string[] | undefined;

function load(): Map<string, ZoneTexts> {
  if (byZone) return byZone;
  byZone = new Map();
  const short = new Set<string>();
  const long = new Set<string>();
  for (const [texts, zones] of TEXTS) {
    const [ss, sd, sg, ls, ld, lg] = texts.split('|') as [string, string, string, string, string, string];
    for (const zone of zones.split(' ')) {
      byZone.set(zone, { shortStandard: ss, shortDaylight: sd, longStandard: ls, longDaylight: ld });
    }
    [ss, sd, sg].forEach((n) => short.add(n));
    [ls, ld, lg].forEach((n) => long.add(n));
  }
  shortNames = [...short];
  longNames = [...long];
  return byZone;
}

/** Java's texts for a zone id, or undefined for a zone Java has no names for (a bare offset). */
export function zoneTexts(id: string): ZoneTexts | undefined {
  return load().get(id);
}

/** The zone names java.time reads for `z`..`zzz` (short) or `zzzz` (long), and every zone id it knows. */
export function zoneTextNames(long: boolean): { readonly names: readonly string[]; readonly ids: Iterable<string> } {
  const zones = load();
  return { names: (long ? longNames : shortNames) ?? [], ids: zones.keys() };
}
