import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService } from '@tradebridge/core';
import type { HealthView } from '@tradebridge/contracts';
import { Public } from '../http/public.decorator';

class HealthChecks {
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down', 'not_configured'], description: 'Redis, when REDIS_URL is set' }) redis: 'up' | 'down' | 'not_configured';
}
class HealthResponse implements HealthView {
  @ApiProperty({ enum: ['ok', 'degraded', 'draining'], description: 'draining: shutting down (SHUTDOWN_DRAIN_SECONDS), still serving requests; take it out of rotation' })
  status: 'ok' | 'degraded' | 'draining';
  @ApiProperty({ enum: ['api', 'gateway'] }) service: 'api' | 'gateway';
  @ApiProperty({ type: HealthChecks }) checks: HealthChecks;
  @ApiProperty({ type: 'integer' }) uptimeSeconds: number;
}

/** Liveness and readiness for load balancers and orchestrators. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: 200 when the database (and Redis, when configured) answers, 503 otherwise or while the process drains before stopping' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const health = await this.health.check('api');
    response.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
