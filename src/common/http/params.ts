import { Injectable, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { CommonError, CommonErrorCode } from '../errors.js';

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new CommonError(CommonErrorCode.ValidationFailed, [
        { field: name, message: 'phải là mã định danh UUID' },
      ]),
  });
}

@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = Number(value);
    if (!/^\d{4}$/.test(value) || year < 1900 || year > 2200) {
      throw new CommonError(CommonErrorCode.ValidationFailed, [
        { field: 'year', message: 'phải là năm có 4 chữ số (1900–2200)' },
      ]);
    }
    return year;
  }
}
