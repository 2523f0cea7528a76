/** One contractor during a run: where they are at each instant, which addresses and clocks they show. */
import { addressIn, type NetBlock, subBlock } from './networks.js';
import type { DevicePlan, Persona, WorkHabit } from './persona.js';
import { Random } from './random.js';
import { type DayPlan, type Interval, planDay } from './schedule.js';
import { type CalendarDate, calendarDate, HOUR_MS, localInstant } from './time.js';

export interface Window {
  seed: string;
  /** "YYYY-MM-DD": the first local calendar day of the dataset. */
  start: string;
  days: number;
}

interface TripTiming {
  departAt: number;
  arriveAt: number;
  returnAt: number;
  backAt: number;
}

export class Contractor {
  readonly persona: Persona;
  readonly window: Window;
  private readonly home: NetBlock;
  private readonly homeV6: NetBlock | undefined;
  private readonly slip: NetBlock | undefined;
  private readonly tripNetwork: NetBlock | undefined;
  private readonly trip: TripTiming | undefined;
  private readonly plans = new Map<number, DayPlan>();

  constructor(persona: Persona, window: Window) {
    this.persona = persona;
    this.window = window;
    const random = this.random('networks');
    const { network } = persona;
    // A household keeps one /24 and, on IPv6, one /64 for the whole period.
    this.home = subBlock(network.home, 24, random);
    this.homeV6 = network.homeV6 === undefined ? undefined : subBlock(network.homeV6, 64, random);
    this.slip = network.slip === undefined ? undefined : subBlock(network.slip.block, 24, random);
    this.tripNetwork = persona.trip === undefined ? undefined : subBlock(persona.trip.network, 24, random);
    this.trip = this.tripTiming();
  }

  get id(): string {
    return this.persona.contractorId;
  }

  /** A random stream for one purpose; `new Random` per purpose keeps each day reproducible on its own. */
  random(purpose: string): Random {
    return new Random(`${this.window.seed}|${this.persona.contractorId}|${purpose}`);
  }

  date(day: number): CalendarDate {
    return calendarDate(this.window.start, day);
  }

  /** The work blocks of local day `day` (cached: chat replies look a day back and ahead). */
  plan(day: number): DayPlan {
    let plan = this.plans.get(day);
    if (plan === undefined) {
      plan = planDay(this.dayContext(day), this.random(`plan ${day}`));
      this.plans.set(day, plan);
      for (const old of this.plans.keys()) if (old < day - 3) this.plans.delete(old);
    }
    return plan;
  }

  /** Whether the contractor is abroad at an instant (after the outbound flight lands, before the return). */
  away(instant: number): boolean {
    return this.trip !== undefined && instant >= this.trip.arriveAt && instant < this.trip.returnAt;
  }

  /** The earliest instant from `instant` on at which the contractor can answer: not in the air. */
  reachableFrom(instant: number): number {
    const trip = this.trip;
    if (trip === undefined) return instant;
    if (instant >= trip.departAt && instant < trip.arriveAt) return trip.arriveAt;
    if (instant >= trip.returnAt && instant < trip.backAt) return trip.backAt;
    return instant;
  }

  /** The zone the laptop reports at an instant. */
  deviceZone(instant: number): string {
    const { trip, device } = this.persona;
    return trip !== undefined && this.away(instant) ? trip.place.timezone : device.timezone;
  }

  /** The zone git stamps on a commit made at an instant. */
  gitZone(instant: number): string {
    return this.persona.gitZone ?? this.deviceZone(instant);
  }

  get device(): DevicePlan {
    return this.persona.device;
  }

  /** The address a laptop sign-in comes from, given the day's VPN exit. */
  address(instant: number, random: Random, vpnExit: string | undefined): string {
    if (this.tripNetwork !== undefined && this.away(instant)) return addressIn(this.tripNetwork, random);
    const { slip } = this.persona.network;
    if (slip !== undefined && this.slip !== undefined && random.chance(slip.share))
      return addressIn(this.slip, random);
    if (vpnExit !== undefined) return vpnExit;
    return this.homeAddress(instant, random);
  }

  /** The phone's address: the carrier's CGNAT pool at home, the hotel Wi-Fi abroad. */
  phoneAddress(instant: number, random: Random): string | undefined {
    if (this.tripNetwork !== undefined && this.away(instant)) return addressIn(this.tripNetwork, random);
    const mobile = this.persona.network.mobile;
    return mobile === undefined ? undefined : addressIn(mobile, random);
  }

  /** The exit a VPN user lands on for a day, or none for a day without the VPN. */
  vpnExit(day: number): string | undefined {
    const vpn = this.persona.network.vpn;
    if (vpn === undefined) return undefined;
    const random = this.random(`vpn ${day}`);
    return random.chance(vpn.share) ? addressIn(random.pick(vpn.exits), random) : undefined;
  }

  private homeAddress(instant: number, random: Random): string {
    if (this.homeV6 !== undefined && random.chance(0.4)) return addressIn(this.homeV6, random);
    // The ISP hands out a new IPv4 address now and then; keep one per fortnight.
    return addressIn(this.home, this.random(`home address ${Math.floor(instant / (14 * 24 * HOUR_MS))}`));
  }

  private dayContext(day: number) {
    const { persona } = this;
    const { trip } = persona;
    const abroad = trip !== undefined && day > trip.fromDay && day <= trip.fromDay + trip.days;
    const zone = abroad && trip !== undefined ? trip.place.timezone : persona.scheduleZone;
    const habit: WorkHabit = persona.habit;
    const blocked: Interval[] = [];
    if (this.trip !== undefined) {
      blocked.push(
        { start: this.trip.departAt - 2.5 * HOUR_MS, end: this.trip.arriveAt + 1.5 * HOUR_MS },
        { start: this.trip.returnAt - 2.5 * HOUR_MS, end: this.trip.backAt + HOUR_MS },
      );
    }
    const context = { habit, zone, date: this.date(day), blocked };
    return abroad && trip !== undefined ? { ...context, startHour: trip.workStart } : context;
  }

  private tripTiming(): TripTiming | undefined {
    const { trip, truth } = this.persona;
    if (trip === undefined) return undefined;
    const departAt = localInstant(truth.timezone, this.date(trip.fromDay), trip.departHour * 60);
    const returnAt = localInstant(
      trip.place.timezone,
      this.date(trip.fromDay + trip.days),
      trip.returnDepartHour * 60,
    );
    return {
      departAt,
      arriveAt: departAt + trip.flightHours * HOUR_MS,
      returnAt,
      backAt: returnAt + trip.returnFlightHours * HOUR_MS,
    };
  }
}
