import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { cleanTextValue } from '../../common/validation.js';
import { PageQuery } from '../../common/http/page.js';
import { USERNAME_PATTERN } from '../passwords.js';
import { ROLE_NAMES, type RoleName } from '../roles.js';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'thuquy.vuthu', description: '3–64 ký tự: chữ thường không dấu, số, . _ -' })
  @Matches(USERNAME_PATTERN)
  @Transform(lower)
  @IsString()
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Hằng' })
  @MaxLength(200)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  displayName: string;

  @ApiProperty({ description: 'Ít nhất 10 ký tự, không chứa tên đăng nhập hay họ tên' })
  @MaxLength(200)
  @IsString()
  password: string;

  @ApiProperty({ description: 'Đơn vị của người dùng (quản trị viên cấp trên quản lý người dùng này)' })
  @IsUUID()
  unitId: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Hằng' })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  displayName?: string;

  @ApiPropertyOptional({ description: 'false khóa tài khoản và kết thúc mọi phiên đăng nhập' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'Mật khẩu mới; mọi phiên đăng nhập của người dùng kết thúc' })
  @MaxLength(200)
  @IsString()
  newPassword: string;
}

export class GrantRoleDto {
  @ApiProperty()
  @IsUUID()
  unitId: string;

  @ApiProperty({ enum: ROLE_NAMES })
  @IsIn(ROLE_NAMES)
  role: RoleName;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Chỉ người dùng thuộc đơn vị này và các đơn vị trực thuộc' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Tìm theo tên đăng nhập hoặc họ tên, không phân biệt dấu' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;
}

export class RoleAssignmentView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ROLE_NAMES }) role: RoleName;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
}

export class UserDetailView extends UserView {
  @ApiProperty({ type: [RoleAssignmentView] }) roles: RoleAssignmentView[];
}

export class UserListItem extends UserView {
  @ApiProperty() unitName: string;
}

export class UserPage {
  @ApiProperty({ type: [UserListItem] }) items: UserListItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
