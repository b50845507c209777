import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  username: string;

  @ApiProperty({ example: 'mật khẩu của bạn' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'Refresh token nhận được khi đăng nhập hoặc làm mới lần trước' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  refreshToken: string;
}

export class TokenPair {
  @ApiProperty({ description: 'JWT, gửi kèm mỗi yêu cầu: Authorization: Bearer <accessToken>' })
  accessToken: string;

  @ApiProperty({ description: 'Dùng một lần tại POST /api/v1/auth/refresh để lấy cặp mã mới' })
  refreshToken: string;

  @ApiProperty({ description: 'Số giây accessToken còn hiệu lực', example: 900 })
  expiresIn: number;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';
}

export class ChangePasswordDto {
  @ApiProperty()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  currentPassword: string;

  @ApiProperty({ description: 'Ít nhất 10 ký tự, không chứa tên đăng nhập hay họ tên' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  newPassword: string;
}
