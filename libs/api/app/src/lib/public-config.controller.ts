import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@twofold/api/auth';
import { AppConfig } from '@twofold/api/core';
import { PublicConfig } from '@twofold/shared/contracts';

@ApiTags('config')
@Controller('public-config')
export class PublicConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @PublicRoute()
  publicConfig(): PublicConfig {
    return { appName: this.config.appName, supportEmail: this.config.supportEmail };
  }
}
