import { ArgumentMetadata, Injectable, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { CommonError, CommonErrorCode } from '../errors.js';

/** Lower-cases a valid UUID, so ids compare equal in code whatever case the client sent. */
class LowerCaseUuidPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return String(await super.transform(value, metadata)).toLowerCase();
  }
}

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new LowerCaseUuidPipe({
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
