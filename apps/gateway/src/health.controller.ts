import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthService } from '@tradebridge/core';
import type { HealthView } from '@tradebridge/contracts';

/** The gateway's own liveness and readiness, for its load balancer. */
@Controller('health')
export class GatewayHealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const health = await this.health.check('gateway');
    response.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
