import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { ReadReplica } from './read-replica';
import { defaultReadCommitted, serializeSqliteTransactions } from './transactions';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options!);
            serializeSqliteTransactions(dataSource);
            defaultReadCommitted(dataSource);
            return dataSource.initialize();
          },
        }),
      ],
      providers: [ReadReplica],
      exports: [ReadReplica],
    };
  }
}
