import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'thuquy.vuthu' })
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  username: string;

  @ApiProperty({ example: 'Trống đồng Đông Sơn 1924' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  password: string;
}

export class RefreshDto {
  @ApiProperty({
    description: 'The refresh token from the sign-in or the last refresh',
    example: 'rt_4f1c2e8a3d4f5b9c7e2d1a0b3c4e5f6a7b8c9d0e1f2a3b4c',
  })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  refreshToken: string;
}

export class TokenPair {
  @ApiProperty({ description: 'A JWT to send with every request: `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @ApiProperty({ description: 'Used once at POST /api/v1/auth/refresh for the next pair' })
  refreshToken: string;

  @ApiProperty({ description: 'Seconds the accessToken stays valid', example: 900 })
  expiresIn: number;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Trống đồng Đông Sơn 1924' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  currentPassword: string;

  @ApiProperty({
    description: 'At least 10 characters, not built from the username or name',
    example: 'Hoa sen nở giữa đầm 2027',
  })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  newPassword: string;
}
