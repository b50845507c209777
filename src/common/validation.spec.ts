import { ArrayMaxSize, IsIn, IsInt, IsString, Max, MaxLength, Min, validate } from 'class-validator';
import { toFieldErrors } from './validation.js';

class Sample {
  @IsIn(['cash', 'bank_transfer', 'in_kind'])
  method: unknown = 'cheque';

  @MaxLength(500)
  @IsString()
  purpose: unknown = 'a'.repeat(501);

  @Max(200_000_000)
  @Min(1)
  @IsInt()
  population: unknown = 0;

  @Max(500)
  @IsInt()
  pageSize: unknown = 900;

  @ArrayMaxSize(2)
  tags: unknown = ['a', 'b', 'c'];
}

describe('validation messages', () => {
  it('name the allowed values and the limits, in Vietnamese', async () => {
    const errors = await validate(new Sample(), { stopAtFirstError: true });
    expect(toFieldErrors(errors)).toEqual([
      { field: 'method', message: 'phải là một trong: cash, bank_transfer, in_kind' },
      { field: 'purpose', message: 'tối đa 500 ký tự' },
      { field: 'population', message: 'không được nhỏ hơn 1' },
      { field: 'pageSize', message: 'không được lớn hơn 500' },
      { field: 'tags', message: 'tối đa 2 phần tử' },
    ]);
  });

  it('formats large limits the Vietnamese way', async () => {
    const sample = Object.assign(new Sample(), { population: 300_000_000 });
    const errors = await validate(sample, { stopAtFirstError: true });
    expect(toFieldErrors(errors)).toContainEqual({
      field: 'population',
      message: 'không được lớn hơn 200.000.000',
    });
  });
});
