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
  @ApiProperty({
    example: 'thuquy.vuthu',
    description: '3–64 characters: lower-case letters without accents, digits, . _ -',
  })
  @Matches(USERNAME_PATTERN)
  @MaxLength(64)
  @Transform(lower)
  @IsString()
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Hằng' })
  @MaxLength(200)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  displayName: string;

  @ApiProperty({
    description: 'At least 10 characters, not built from the username or name',
    example: 'Trống đồng Đông Sơn 1924',
  })
  @MaxLength(200)
  @IsString()
  password: string;

  @ApiProperty({ description: "The user's home unit (administrators above it manage the user)" })
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

  @ApiPropertyOptional({ example: true, description: 'false deactivates the user and ends every session' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetPasswordDto {
  @ApiProperty({
    description: 'The new password; every session of the user ends',
    example: 'Hoa sen nở giữa đầm 2027',
  })
  @MaxLength(200)
  @IsString()
  newPassword: string;
}

export class GrantRoleDto {
  @ApiProperty({ description: 'Where the role applies (with its whole subtree)' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ enum: ROLE_NAMES, example: 'treasurer' })
  @IsIn(ROLE_NAMES)
  role: RoleName;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only users whose home unit is this unit or below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'Hang', description: 'Part of a username or name, accents optional' })
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
