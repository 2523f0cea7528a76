/** Extra honest contractors beyond the curated set, for scale: random places, names and habits. */
import { honest } from './builders.js';
import { NET, type NetBlock } from './networks.js';
import type { Persona, Place } from './persona.js';
import { Random } from './random.js';

interface Region {
  place: Place;
  locale: string;
  home: NetBlock;
  mobile?: NetBlock;
  /** E.164 pattern: `#` is any digit, `@` is 2–9 (NANP area and exchange codes cannot start with 0 or 1). */
  phone: string;
  first: readonly string[];
  last: readonly string[];
}

const place = (timezone: string, country: string, city: string): Place => ({ timezone, country, city });
const US_FIRST = ['James', 'Emily', 'Michael', 'Olivia', 'Daniel', 'Sophia', 'Ethan', 'Ava', 'Noah', 'Mia'];
const US_LAST = [
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Davis',
  'Wilson',
  'Martinez',
  'Anderson',
  'Clark',
  'Lewis',
];

const REGIONS: readonly Region[] = [
  {
    place: place('America/New_York', 'US', 'New York'),
    locale: 'en-US',
    home: NET.usComcast,
    mobile: NET.usVerizonWireless,
    phone: '+1212@######',
    first: US_FIRST,
    last: US_LAST,
  },
  {
    place: place('America/Chicago', 'US', 'Chicago'),
    locale: 'en-US',
    home: NET.usAtt,
    mobile: NET.usTmobile,
    phone: '+1312@######',
    first: US_FIRST,
    last: US_LAST,
  },
  {
    place: place('America/Denver', 'US', 'Denver'),
    locale: 'en-US',
    home: NET.usComcast,
    phone: '+1720@######',
    first: US_FIRST,
    last: US_LAST,
  },
  {
    place: place('America/Los_Angeles', 'US', 'San Francisco'),
    locale: 'en-US',
    home: NET.usComcast,
    mobile: NET.usTmobile,
    phone: '+1415@######',
    first: US_FIRST,
    last: US_LAST,
  },
  {
    place: place('America/Toronto', 'CA', 'Toronto'),
    locale: 'en-CA',
    home: NET.caBell,
    phone: '+1416@######',
    first: US_FIRST,
    last: ['Tremblay', 'Roy', 'Gagnon', 'Campbell', 'MacDonald', 'Wong'],
  },
  {
    place: place('America/Sao_Paulo', 'BR', 'São Paulo'),
    locale: 'pt-BR',
    home: NET.brClaro,
    phone: '+55119########',
    first: ['Lucas', 'Ana', 'Gabriel', 'Beatriz', 'Rafael', 'Larissa'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Almeida'],
  },
  {
    place: place('America/Mexico_City', 'MX', 'Guadalajara'),
    locale: 'es-MX',
    home: NET.mxTelmex,
    phone: '+5233########',
    first: ['Diego', 'Sofía', 'Mateo', 'Camila', 'Santiago', 'Regina'],
    last: ['García', 'Hernández', 'López', 'Martínez', 'Ramírez', 'Flores'],
  },
  {
    place: place('Europe/London', 'GB', 'Manchester'),
    locale: 'en-GB',
    home: NET.gbBt,
    mobile: NET.gbVodafone,
    phone: '+44771#######',
    first: ['Harry', 'Amelia', 'George', 'Isla', 'Charlie', 'Freya'],
    last: ['Taylor', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright'],
  },
  {
    place: place('Europe/Berlin', 'DE', 'Munich'),
    locale: 'de-DE',
    home: NET.deTelekom,
    mobile: NET.deTelekomMobile,
    phone: '+49151########',
    first: ['Felix', 'Hannah', 'Paul', 'Mia', 'Leon', 'Emilia'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Wagner', 'Becker'],
  },
  {
    place: place('Europe/Lisbon', 'PT', 'Porto'),
    locale: 'pt-PT',
    home: NET.ptMeo,
    phone: '+35191#######',
    first: ['Tiago', 'Inês', 'Rodrigo', 'Mariana', 'Duarte', 'Leonor'],
    last: ['Ferreira', 'Rodrigues', 'Martins', 'Sousa', 'Gonçalves', 'Lopes'],
  },
  {
    place: place('Europe/Warsaw', 'PL', 'Kraków'),
    locale: 'pl-PL',
    home: NET.plOrange,
    phone: '+485########',
    first: ['Jakub', 'Zuzanna', 'Kacper', 'Julia', 'Szymon', 'Maja'],
    last: ['Kowalski', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zielińska'],
  },
  {
    place: place('Africa/Nairobi', 'KE', 'Nairobi'),
    locale: 'en-KE',
    home: NET.keSafaricom,
    mobile: NET.keSafaricomMobile,
    phone: '+2547########',
    first: ['Brian', 'Faith', 'Kevin', 'Mercy', 'Dennis', 'Joy'],
    last: ['Otieno', 'Mwangi', 'Njoroge', 'Achieng', 'Kiprop', 'Wambui'],
  },
  {
    place: place('Asia/Kolkata', 'IN', 'Pune'),
    locale: 'en-IN',
    home: NET.inAirtel,
    mobile: NET.inJio,
    phone: '+919#########',
    first: ['Rohan', 'Ananya', 'Arjun', 'Diya', 'Vikram', 'Isha'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Kulkarni', 'Nair'],
  },
  {
    place: place('Asia/Ho_Chi_Minh', 'VN', 'Hanoi'),
    locale: 'vi-VN',
    home: NET.vnViettel,
    phone: '+8491#######',
    first: ['Minh', 'Linh', 'Huy', 'Trang', 'Duc', 'Mai'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu'],
  },
  {
    place: place('Asia/Singapore', 'SG', 'Singapore'),
    locale: 'en-SG',
    home: NET.sgSingnet,
    phone: '+6591######',
    first: ['Wei Jie', 'Hui Min', 'Jun Hao', 'Xin Yi', 'Arjun', 'Nur'],
    last: ['Tan', 'Lim', 'Lee', 'Ng', 'Wong', 'Goh'],
  },
  {
    place: place('Asia/Tokyo', 'JP', 'Osaka'),
    locale: 'ja-JP',
    home: NET.jpSoftbank,
    mobile: NET.jpKddiMobile,
    phone: '+8190@#######',
    first: ['Ren', 'Yui', 'Sota', 'Hina', 'Yuto', 'Aoi'],
    last: ['Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Nakamura'],
  },
  {
    place: place('Asia/Seoul', 'KR', 'Busan'),
    locale: 'ko-KR',
    home: NET.krKt,
    mobile: NET.krSkt,
    phone: '+8210########',
    first: ['Ji-ho', 'Seo-yeon', 'Do-yun', 'Ha-eun', 'Joon-woo', 'Ji-woo'],
    last: ['Park', 'Lee', 'Choi', 'Jung', 'Kang', 'Cho'],
  },
  {
    place: place('Australia/Melbourne', 'AU', 'Melbourne'),
    locale: 'en-AU',
    home: NET.auTelstra,
    mobile: NET.auTelstraMobile,
    phone: '+6141#######',
    first: ['Lachlan', 'Charlotte', 'Cooper', 'Matilda', 'Riley', 'Zoe'],
    last: ['Wilson', 'Kelly', 'Ryan', 'Murphy', 'Harris', 'Young'],
  },
  {
    place: place('Pacific/Auckland', 'NZ', 'Wellington'),
    locale: 'en-NZ',
    home: NET.nzSpark,
    phone: '+6421#######',
    first: ['Nikau', 'Ruby', 'Hunter', 'Mia', 'Tama', 'Isla'],
    last: ['Smith', 'Williams', 'Ngata', 'Brown', 'Parata', 'Jones'],
  },
];

/** The `index`-th generated contractor: the same for the same seed and index, whatever else is generated. */
export function generatedPersona(seed: string, index: number): Persona {
  const random = new Random(`${seed}|generated|${index}`);
  const region = random.pick(REGIONS);
  const first = random.pick(region.first);
  const last = random.pick(region.last);
  const id = `c-gen-${String(index + 1).padStart(5, '0')}`;
  const handle = `${first}.${last}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return honest({
    id,
    persona: `Generated honest contractor in ${region.place.city}`,
    name: `${first} ${last}`,
    place: region.place,
    phone: region.phone.replace(/[#@]/g, (slot) =>
      String(slot === '@' ? random.int(2, 9) : random.int(0, 9)),
    ),
    email: `${handle}${random.int(1, 99)}@gmail.com`,
    locale: region.locale,
    os: random.pick(['macos', 'windows', 'linux'] as const),
    home: region.home,
    // Busier than the curated set on average, so a large generated dataset carries realistic volume.
    habit: { volume: random.between(1.5, 3) },
    ...(region.mobile !== undefined && random.chance(0.6) ? { mobile: region.mobile } : {}),
  });
}
