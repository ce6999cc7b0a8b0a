import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsString, MaxLength, MinLength, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { passwordProblem } from '@tradebridge/core';
import {
  LOCALES,
  NOTIFICATION_KINDS,
  PLATFORM_ROLES,
  STAFF_ROLES,
  type Locale,
  type LoginResponse,
  type MeView,
  type NotificationKind,
  type PlatformRole,
  type StaffRole,
  type UserView,
} from '@tradebridge/contracts';
import { LocalizedText } from '../common/responses';
import { trim } from '../common/transforms';

/** Not blank, not only whitespace, not the `email` of the same request (see `passwordProblem`). */
function IsAcceptablePassword(): PropertyDecorator {
  const problem = (args: ValidationArguments) => {
    const email = (args.object as { email?: unknown }).email;
    return typeof args.value === 'string' ? passwordProblem(args.value, typeof email === 'string' ? email : undefined) : undefined;
  };
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problem(args) === undefined,
        defaultMessage: (args: ValidationArguments) => problem(args) ?? 'is not an acceptable password',
      },
    });
}

export class RegisterRequest {
  @ApiProperty({ example: 'nguyen.van.a@laocai-agri.vn' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery', description: 'Not blank or only spaces, and not the e-mail address' })
  @IsString()
  @IsAcceptablePassword()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'The language of messages and e-mails (the web app sends the browser’s)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;

  @ApiPropertyOptional({ default: 'UTC', example: 'Asia/Ho_Chi_Minh', description: 'IANA time zone (400 UNKNOWN_TIMEZONE otherwise)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @MaxLength(64)
  timezone?: string;
}

/** PATCH /api/me: a field left out stays; `null` is refused. */
export class UpdateMeRequest {
  @ApiPropertyOptional({ example: 'Nguyễn Văn A' })
  @ValidateIf((_, v) => v !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA time zone (400 UNKNOWN_TIMEZONE otherwise)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true, description: 'The kinds NOT sent by e-mail (all stay in the app); replaces the list' })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `each must be one of ${NOTIFICATION_KINDS.join(', ')}` })
  emailMuted?: NotificationKind[];
}

export class LoginRequest {
  @ApiProperty({ example: 'admin@tradebridge.local' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class UpdateUserRequest {
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true, example: ['organizer'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(PLATFORM_ROLES, { each: true, message: 'each role must be admin or organizer' })
  roles: PlatformRole[];
}

export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) roles: PlatformRole[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class LoginResponseSchema implements LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

class MembershipSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
}

class StaffMembershipSchema {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
}

export class MeResponse extends UserResponse implements MeView {
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timezone: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Kinds not sent by e-mail' }) emailMuted: NotificationKind[];
  @ApiProperty({ type: [MembershipSchema] }) enterprises: MembershipSchema[];
  @ApiProperty({ type: [StaffMembershipSchema] }) staffOf: StaffMembershipSchema[];
}

export class PasswordResetRequest {
  @ApiProperty({ example: 'nguyen.van.a@laocai-agri.vn' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetAccepted {
  @ApiProperty({ example: 'If an account has this e-mail, a reset link is on its way. It works once, within 1 hour.' }) message: string;
}

export class PasswordResetConfirmRequest {
  @ApiProperty({ description: 'The token of the reset link (`/reset-password?token=…`)', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'a new horse battery', description: 'As at registration: not blank or only spaces' })
  @IsString()
  @IsAcceptablePassword()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}
