import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsString, MaxLength, MinLength, registerDecorator, ValidationArguments } from 'class-validator';
import { passwordProblem } from '@tradebridge/core';
import { PLATFORM_ROLES, STAFF_ROLES, type LoginResponse, type MeView, type PlatformRole, type StaffRole, type UserView } from '@tradebridge/contracts';
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
