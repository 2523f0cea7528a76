/**
 * Contractors who are not where, or not who, they say: the patterns seen in remote IT-worker fraud
 * (claims in the US or Europe, work done from UTC+8/+9/+10, VPN and laptop-farm sign-ins, leaked device
 * settings, mismatched claim records, one operator behind several identities).
 */
import { deceptive } from './builders.js';
import { NET, type NetBlock, US_VPN_EXITS } from './networks.js';
import type { Identity, Persona, Place } from './persona.js';

const place = (timezone: string, country: string, city: string): Place => ({ timezone, country, city });
const SHENYANG = place('Asia/Shanghai', 'CN', 'Shenyang');
const PYONGYANG = place('Asia/Pyongyang', 'KP', 'Pyongyang');
const USA_VPN = { exits: US_VPN_EXITS, share: 1 };

const american = (name: string, city: Place, phone: string, email: string): Identity => ({
  name,
  nationality: 'US',
  place: city,
  hours: { start: '09:00', end: '17:00' },
  phone,
  email,
  paymentCountry: 'US',
});

/** One small range of a VPN provider that both identities of one operator keep landing on. */
const SHARED_EXIT: NetBlock = { ...NET.usDigitalOcean, cidr: '104.131.77.0/28' };

export const DECEPTIVE_PERSONAS: readonly Persona[] = [
  deceptive({
    id: 'c-dprk-chicago',
    persona: 'Claims Chicago; works Pyongyang hours through US VPN exits; git records +09:00',
    truth: PYONGYANG,
    identity: american(
      'Michael Brandt',
      place('America/Chicago', 'US', 'Chicago'),
      '+13126904418',
      'michael.brandt.dev@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume'],
    network: { home: NET.kpStarJv, vpn: USA_VPN },
    gitZone: 'Asia/Pyongyang',
    expected: [
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
      'ANONYMIZING_NETWORK',
      'RECORDED_OFFSET_MISMATCH',
    ],
  }),
  deceptive({
    id: 'c-dprk-newyork',
    persona: 'Claims New York; works Shenyang hours; laptop set to Asia/Shanghai with a Chinese keyboard',
    truth: SHENYANG,
    identity: american(
      'Kevin Walsh',
      place('America/New_York', 'US', 'New York'),
      '+17185304472',
      'kevinwalsh.code@outlook.com',
    ),
    sources: ['platform-profile', 'payroll'],
    network: { home: NET.cnUnicomLiaoning, vpn: USA_VPN },
    device: { timezone: 'Asia/Shanghai', keyboardLayouts: ['en-US', 'zh-CN'] },
    expected: [
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
      'ANONYMIZING_NETWORK',
      'RECORDED_OFFSET_MISMATCH',
      'DEVICE_MISMATCH',
    ],
  }),
  deceptive({
    id: 'c-dprk-berlin',
    persona:
      'Claims Berlin; works Vladivostok hours behind Hetzner servers; sometimes signs in from a Russian phone',
    truth: place('Asia/Vladivostok', 'RU', 'Vladivostok'),
    identity: {
      name: 'Lukas Becker',
      nationality: 'DE',
      place: place('Europe/Berlin', 'DE', 'Berlin'),
      hours: { start: '09:00', end: '17:30' },
      phone: '+4915787654321',
      email: 'lukas.becker@gmx.de',
      paymentCountry: 'DE',
    },
    sources: ['platform-profile', 'payroll', 'resume'],
    network: {
      home: NET.ruMegafon,
      vpn: { exits: [NET.deHetzner, NET.deHetzner2], share: 1 },
      slip: { block: NET.ruMegafon, share: 0.08 },
    },
    device: { timezone: 'Europe/Berlin', locale: 'de-DE', keyboardLayouts: ['de-DE', 'ru-RU'] },
    gitZone: 'Asia/Vladivostok',
    expected: [
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
      'ANONYMIZING_NETWORK',
      'RECORDED_OFFSET_MISMATCH',
      'HIGH_RISK_REGION',
      'LOCATION_MISMATCH',
    ],
    allowed: ['MULTI_COUNTRY_LOGINS', 'IMPOSSIBLE_TRAVEL', 'DEVICE_MISMATCH'],
  }),
  deceptive({
    id: 'c-dprk-tokyo',
    persona:
      'Claims Tokyo, whose clock matches Pyongyang: only the device, the network and the claims give it away',
    truth: PYONGYANG,
    identity: {
      name: 'Takeshi Yamada',
      nationality: 'JP',
      place: place('Asia/Tokyo', 'JP', 'Tokyo'),
      hours: { start: '09:30', end: '18:30' },
      phone: '+819087654321',
      email: 'takeshi.yamada.dev@gmail.com',
      paymentCountry: 'JP',
    },
    sources: ['platform-profile', 'payroll', 'payment-profile'],
    overrides: { payroll: { phone: '+8501912345678' }, 'payment-profile': { paymentCountry: 'CN' } },
    network: { home: NET.kpStarJv, vpn: { exits: [NET.jpAws], share: 1 } },
    device: { timezone: 'Asia/Seoul', locale: 'ko-KR', keyboardLayouts: ['ja-JP', 'ko-KR'] },
    habit: { start: 9.5 },
    expected: ['DEVICE_MISMATCH', 'ANONYMIZING_NETWORK', 'CLAIM_INCONSISTENCY'],
  }),
  deceptive({
    id: 'c-dprk-dallas-keyboard',
    persona:
      'Claims Dallas; residential US proxy, Chicago device clock, but a Korean keyboard and Dandong hours',
    truth: place('Asia/Shanghai', 'CN', 'Dandong'),
    identity: american(
      'Ryan Cooper',
      place('America/Chicago', 'US', 'Dallas'),
      '+12145307789',
      'ryan.cooper.eng@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume'],
    network: { home: NET.usAtt },
    device: { keyboardLayouts: ['en-US', 'ko-KR'] },
    expected: [
      'DEVICE_MISMATCH',
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
    ],
  }),
  deceptive({
    id: 'c-dprk-laptopfarm',
    persona: 'Laptop farm: an Arizona laptop on a home connection, driven over AnyDesk from Shenyang',
    truth: SHENYANG,
    identity: american(
      'Brandon Lee',
      place('America/Phoenix', 'US', 'Phoenix'),
      '+14805236617',
      'brandon.lee.dev@yahoo.com',
    ),
    sources: ['platform-profile', 'payroll'],
    network: { home: NET.usComcast },
    device: { remoteAccessTools: ['AnyDesk'] },
    expected: [
      'REMOTE_ACCESS_TOOL',
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
    ],
  }),
  deceptive({
    id: 'c-dprk-names',
    persona: 'Claims Houston; four records, four spellings, a +86 phone and a Chinese bank account',
    truth: SHENYANG,
    identity: american(
      'Jonathan Miller',
      place('America/Chicago', 'US', 'Houston'),
      '+17135830142',
      'jonathan.miller.tx@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume', 'payment-profile'],
    overrides: {
      payroll: { name: 'Jonathon Millar', phone: '+8613898765432' },
      resume: { name: 'John Miler', nationality: 'CA' },
      'payment-profile': { name: 'Jon Mueller', paymentCountry: 'CN' },
    },
    network: { home: NET.cnUnicomLiaoning, vpn: USA_VPN },
    gitZone: 'Asia/Shanghai',
    expected: [
      'CLAIM_INCONSISTENCY',
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
      'ANONYMIZING_NETWORK',
      'RECORDED_OFFSET_MISMATCH',
    ],
  }),
  deceptive({
    id: 'c-dprk-pyongyang-slip',
    persona:
      'Claims Minneapolis; US VPN exits, but now and then the VPN is off and a sign-in comes from North Korea',
    truth: PYONGYANG,
    identity: american(
      'Eric Johnson',
      place('America/Chicago', 'US', 'Minneapolis'),
      '+16125803391',
      'eric.johnson.mn@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume'],
    network: { home: NET.kpStarJv, vpn: USA_VPN, slip: { block: NET.kpStarJv, share: 0.06 } },
    expected: [
      'HIGH_RISK_REGION',
      'LOCATION_MISMATCH',
      'ANONYMIZING_NETWORK',
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
    ],
    allowed: ['IMPOSSIBLE_TRAVEL', 'MULTI_COUNTRY_LOGINS'],
  }),
  deceptive({
    id: 'c-dprk-unreachable',
    persona:
      'Claims Atlanta; works a late shift in Shenyang that covers US mornings only, and ignores messages',
    truth: SHENYANG,
    identity: american(
      'Chris Porter',
      place('America/New_York', 'US', 'Atlanta'),
      '+14045927718',
      'chris.porter.atl@gmail.com',
    ),
    sources: ['platform-profile', 'payroll'],
    network: { home: NET.cnUnicomLiaoning, vpn: USA_VPN },
    gitZone: 'America/New_York',
    habit: { start: 20, length: 6, eveningChance: 0 },
    chat: { replyMinutes: 75, ignoreChance: 0.45 },
    expected: ['UNREACHABLE_IN_BUSINESS_HOURS', 'ANONYMIZING_NETWORK'],
    allowed: ['TIMEZONE_MISMATCH', 'OUTSIDE_BUSINESS_HOURS'],
  }),
  ...['a', 'b'].map((letter) =>
    deceptive({
      id: `c-dprk-shared-${letter}`,
      persona: 'One operator, two identities: the same device and VPN exit, Pyongyang hours, git at +09:00',
      truth: PYONGYANG,
      identity:
        letter === 'a'
          ? american(
              'Tyler Brooks',
              place('America/Chicago', 'US', 'Austin'),
              '+15125804426',
              'tbrooks.dev@gmail.com',
            )
          : american(
              'Jason Reed',
              place('America/Los_Angeles', 'US', 'Portland'),
              '+15035827719',
              'jason.reed.pdx@outlook.com',
            ),
      sources: ['platform-profile', 'payroll'],
      network: { home: NET.kpStarJv, vpn: { exits: [SHARED_EXIT], share: 1 } },
      device: { id: 'DESKTOP-7Q4MZ2K' },
      gitZone: 'Asia/Pyongyang',
      habit: { volume: 0.6 },
      expected: [
        'SHARED_INFRASTRUCTURE',
        'TIMEZONE_MISMATCH',
        'OUTSIDE_BUSINESS_HOURS',
        'UNREACHABLE_IN_BUSINESS_HOURS',
        'ANONYMIZING_NETWORK',
        'RECORDED_OFFSET_MISMATCH',
      ],
    }),
  ),
  deceptive({
    id: 'c-newyork-12h',
    persona:
      'Consistent New York claims, American home IPs, New York device and git clocks, but hours 12 h off',
    truth: place('Asia/Shanghai', 'CN', 'Shanghai'),
    identity: american(
      'Matthew Hayes',
      place('America/New_York', 'US', 'New York'),
      '+13475908823',
      'matt.hayes.nyc@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume', 'payment-profile'],
    network: { home: NET.usComcast },
    expected: ['TIMEZONE_MISMATCH', 'OUTSIDE_BUSINESS_HOURS', 'UNREACHABLE_IN_BUSINESS_HOURS'],
  }),
  deceptive({
    id: 'c-dprk-nightshift',
    persona:
      'Keeps New York hours from Shenyang on a night shift; the laptop clock and git offsets leak +08:00',
    truth: SHENYANG,
    scheduleZone: 'America/New_York',
    identity: american(
      'Andrew Collins',
      place('America/New_York', 'US', 'Boston'),
      '+16175304418',
      'andrew.collins.bos@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume'],
    network: { home: NET.cnUnicomLiaoning, vpn: USA_VPN },
    device: { timezone: 'Asia/Shanghai', keyboardLayouts: ['en-US', 'zh-CN'] },
    habit: { start: 9, length: 8.5 },
    expected: ['RECORDED_OFFSET_MISMATCH', 'DEVICE_MISMATCH', 'ANONYMIZING_NETWORK'],
  }),
  deceptive({
    id: 'c-dprk-seattle',
    persona: 'Claims Seattle; US VPN exits, but one sign-in in ten comes straight from Liaoning',
    truth: SHENYANG,
    identity: american(
      'Sean Murphy',
      place('America/Los_Angeles', 'US', 'Seattle'),
      '+12065307712',
      'sean.murphy.sea@gmail.com',
    ),
    sources: ['platform-profile', 'payroll', 'resume'],
    network: { home: NET.cnUnicomLiaoning, vpn: USA_VPN, slip: { block: NET.cnUnicomLiaoning, share: 0.1 } },
    expected: [
      'HIGH_RISK_REGION',
      'LOCATION_MISMATCH',
      'ANONYMIZING_NETWORK',
      'TIMEZONE_MISMATCH',
      'OUTSIDE_BUSINESS_HOURS',
      'UNREACHABLE_IN_BUSINESS_HOURS',
    ],
    allowed: ['MULTI_COUNTRY_LOGINS', 'IMPOSSIBLE_TRAVEL'],
  }),
];
