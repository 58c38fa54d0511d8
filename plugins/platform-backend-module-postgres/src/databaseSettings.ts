import { InputError } from '@backstage/errors';

/**
 * Connections a role may hold at once, by the offering's `size`.
 */
export const connectionLimits = {
  small: 20,
  medium: 50,
  large: 100,
} as const;

/** A value of the offering's `size` field. */
export type DatabaseSize = keyof typeof connectionLimits;

/**
 * The names of the settings recorded on each database. The server's operator
 * enforces them (standby replicas, backup jobs); this module only records them.
 */
export const settingNames = {
  highAvailability: 'platform.high_availability',
  backupRetentionDays: 'platform.backup_retention_days',
} as const;

/**
 * What a resource's configuration asks of its database.
 */
export interface DatabaseSettings {
  size: DatabaseSize;
  highAvailability: boolean;
  backupRetentionDays: number;
}

/**
 * Reads a resource's configuration, with the offering's defaults for fields
 * it leaves out.
 */
export function desiredSettings(
  config: Record<string, unknown>,
): DatabaseSettings {
  const size = config.size ?? 'small';
  if (typeof size !== 'string' || !Object.hasOwn(connectionLimits, size)) {
    throw new InputError(
      `Invalid size ${JSON.stringify(size)}: use ${Object.keys(
        connectionLimits,
      ).join(', ')}`,
    );
  }
  const highAvailability = config.high_availability ?? false;
  if (typeof highAvailability !== 'boolean') {
    throw new InputError(
      `Invalid high_availability ${JSON.stringify(
        highAvailability,
      )}: use true or false`,
    );
  }
  const backupRetentionDays = config.backup_retention_days ?? 7;
  if (
    typeof backupRetentionDays !== 'number' ||
    !Number.isInteger(backupRetentionDays) ||
    backupRetentionDays < 1
  ) {
    throw new InputError(
      `Invalid backup_retention_days ${JSON.stringify(
        backupRetentionDays,
      )}: use a whole number of days, at least 1`,
    );
  }
  return {
    size: size as DatabaseSize,
    highAvailability,
    backupRetentionDays,
  };
}

/**
 * Turns what a database reports back into the offering's fields, so that it
 * can be compared with the resource's configuration. A field the database
 * cannot account for is left out.
 */
export function actualConfig(reported: {
  connectionLimit: number;
  highAvailability?: string;
  backupRetentionDays?: string;
}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [size, limit] of Object.entries(connectionLimits)) {
    if (limit === reported.connectionLimit) {
      result.size = size;
    }
  }
  if (reported.highAvailability === 'on') {
    result.high_availability = true;
  } else if (reported.highAvailability === 'off') {
    result.high_availability = false;
  }
  if (reported.backupRetentionDays?.match(/^\d+$/)) {
    result.backup_retention_days = Number(reported.backupRetentionDays);
  }
  return result;
}

/** A short description of the settings, for the resource's timeline. */
export function describeSettings(settings: DatabaseSettings): string {
  return `size ${settings.size} (${
    connectionLimits[settings.size]
  } connections), high availability ${
    settings.highAvailability ? 'on' : 'off'
  }, ${settings.backupRetentionDays} days of backups`;
}
