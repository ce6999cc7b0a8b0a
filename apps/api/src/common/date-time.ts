import { applyDecorators } from '@nestjs/common';
import { IsISO8601, ValidateBy } from 'class-validator';

const MESSAGE = 'must be an ISO 8601 date-time';

/**
 * An ISO 8601 date-time that JavaScript reads as an instant. Strict ISO 8601 also
 * admits week and ordinal dates (`2021-W03-2`, `2021-019`), which `new Date` reads
 * as Invalid Date: such a value would pass validation and fail in the database.
 */
export function IsDateTime(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: MESSAGE }),
    ValidateBy({ name: 'isIso8601', validator: { validate: (value) => typeof value !== 'string' || !Number.isNaN(Date.parse(value)), defaultMessage: () => MESSAGE } }),
  );
}
