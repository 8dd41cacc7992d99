/** The messaging and database connectors: NATS (core and JetStream), RabbitMQ, MQTT, Redis pub/sub, Kafka, CDC. */
import type { SinkFactory, SourceFactory } from '../framework/transport.js';
import { natsSink } from './nats/nats-sink.js';
import { natsSource } from './nats/nats-source.js';
import { cdcSource } from './cdc/cdc-source.js';
import { kafkaSink } from './kafka/kafka-sink.js';
import { kafkaSource } from './kafka/kafka-source.js';
import { mqttSink } from './mqtt/mqtt-sink.js';
import { mqttSource } from './mqtt/mqtt-source.js';
import { redisSink } from './redis/redis-sink.js';
import { redisSource } from './redis/redis-source.js';
import { rabbitmqSink } from './rabbitmq/rabbitmq-sink.js';
import { rabbitmqSource } from './rabbitmq/rabbitmq-source.js';

export const connectorSources: readonly SourceFactory[] = [
  natsSource,
  rabbitmqSource,
  mqttSource,
  redisSource,
  kafkaSource,
  cdcSource,
];

export const connectorSinks: readonly SinkFactory[] = [natsSink, rabbitmqSink, mqttSink, redisSink, kafkaSink];
