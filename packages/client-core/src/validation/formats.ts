// The string and number formats the specs use, with the meaning Prism gives them (ajv-formats "full"
// mode, and Prism's own date-time check), so the client and the mock agree. Unknown formats pass, as in Ajv.

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:[^\s]*$/i;

function date(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : DAYS[mo]!);
}

function time(s: string, zoned: boolean): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const [h, mi, sec] = [+m[1]!, +m[2]!, +m[3]!];
  const clock = (h <= 23 && mi <= 59 && sec <= 59) || (h === 23 && mi === 59 && sec === 60);
  return clock && (!zoned || m[5] !== undefined);
}

/** A URI with a scheme; the URL parser (present wherever fetch is) judges the rest. */
function uri(s: string): boolean {
  if (!SCHEME.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

type Check = (value: never) => boolean;
/** Format name → [check, what the value must be, the JSON type it applies to]. */
export const FORMATS: Record<string, [Check, string, "string" | "number"]> = {
  uuid: [(s: string) => UUID.test(s), "a UUID", "string"],
  email: [(s: string) => EMAIL.test(s), "an email address", "string"],
  "date-time": [
    (s: string) => {
      const parts = s.split(/t|\s/i);
      return parts.length === 2 && date(parts[0]!) && time(parts[1]!, true);
    },
    "a date-time such as 2024-05-01T12:00:00Z",
    "string",
  ],
  date: [date, "a date (YYYY-MM-DD)", "string"],
  time: [(s: string) => time(s, true), "a time such as 12:00:00Z", "string"],
  uri: [uri, "a URI", "string"],
  int32: [
    (n: number) => Number.isInteger(n) && n <= 2 ** 31 - 1 && n >= -(2 ** 31),
    "a 32-bit integer",
    "number",
  ],
  int64: [(n: number) => Number.isInteger(n), "an integer", "number"],
};
