const pad = (value: number) => String(value).padStart(2, '0');

/** A time as a `datetime-local` input shows it: local, to the minute. */
export function toLocalInput(time: Date): string {
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(
    time.getDate(),
  )}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** A `datetime-local` input's value as ISO 8601; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  const time = value ? new Date(value) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined;
}
