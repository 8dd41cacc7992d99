/** The self-description of `@source(type='cdc')`: its options in both modes, for validation, docs and the editor. */
import type { ExtensionSpec } from '../../../lang/catalog.js';

export const cdcSpec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'cdc',
  description:
    "Captures row changes of a PostgreSQL or MariaDB/MySQL table as keyvalue messages; use `@map(type='keyvalue')` (`trp:operation` gives 'insert', 'update' or 'delete', `trp:table` the table). " +
    "mode='listening' (the default, as in Siddhi) reads the database's change log as it is written: PostgreSQL by logical replication (pgoutput; needs wal_level=logical, and REPLICA IDENTITY FULL on the table for the before-values of all columns), MariaDB/MySQL by the row binlog (needs log_bin, binlog_format=ROW, and a user with REPLICATION SLAVE, REPLICATION CLIENT and SELECT). " +
    'Inserts carry the new row by column name; updates the new row plus `before_<column>` keys with the old values; deletes only the `before_<column>` keys. ' +
    "PostgreSQL's slot keeps the position on the server and moves only once the app processed a transaction, so a restarted app continues without loss (at-least-once); the binlog is read from its end at start unless binlog.file and binlog.position say where. " +
    "mode='polling' reads the rows past the last seen value of `polling.column` (an increasing id or last-modified timestamp) every `polling.interval` seconds: inserts and updates only.",
  parameters: [],
  options: [
    {
      name: 'url',
      type: ['string'],
      optional: false,
      description:
        'jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db or jdbc:mariadb://... (never logged unmasked). In polling mode, datasource.name or jndi.resource gives it instead.',
    },
    {
      name: 'mode',
      type: ['string'],
      optional: true,
      defaultValue: 'listening',
      description:
        "'listening': reads the change log (PostgreSQL logical replication, MariaDB/MySQL binlog): inserts, updates and deletes as they commit. 'polling': queries the table for rows past the last seen `polling.column` value: inserts and updates.",
    },
    { name: 'username', type: ['string'], optional: true, description: 'Database user.' },
    { name: 'password', type: ['string'], optional: true, description: 'Database password (never logged).' },
    {
      name: 'jdbc.driver.name',
      type: ['string'],
      optional: true,
      description:
        "Accepted for siddhi-io-cdc apps (a JDBC driver class, e.g. 'org.postgresql.Driver'); Tributary picks its driver from the url.",
    },
    {
      name: 'datasource.name',
      type: ['string'],
      optional: true,
      description:
        "Polling mode: a named datasource (the SiddhiManager's datasources, or datasources: / wso2.datasources: of the config file) whose url, username and password the source connects with, winning over those written. Refused in listening mode, as in siddhi-io-cdc.",
    },
    {
      name: 'jndi.resource',
      type: ['string'],
      optional: true,
      description:
        'Polling mode: the datasource of this JNDI name (its jndiName, jndiConfig.name in wso2.datasources) gives the connection; datasource.name wins over it.',
    },
    {
      name: 'table.name',
      type: ['string'],
      optional: false,
      description: "The table to watch ('orders', or 'schema.orders' / 'db.orders').",
    },
    {
      name: 'operation',
      type: ['string'],
      optional: true,
      description:
        "Listening mode: only changes of this kind, 'insert', 'update' or 'delete' (Siddhi's option); all three when absent.",
    },
    {
      name: 'slot.name',
      type: ['string'],
      optional: true,
      defaultValue: 'tributary_<app>_<table>',
      description:
        'Listening on PostgreSQL: the logical replication slot (lower case letters, digits, underscores), which keeps the position across restarts. One slot per reading app; drop it (pg_drop_replication_slot) when the app is retired, or the server keeps WAL for it.',
    },
    {
      name: 'publication.name',
      type: ['string'],
      optional: true,
      defaultValue: 'tributary_<table>',
      description: 'Listening on PostgreSQL: the publication of the table that pgoutput reads.',
    },
    {
      name: 'create.if.missing',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        "Listening on PostgreSQL: create the publication and the slot when they do not exist (the user then needs the REPLICATION attribute and ownership of the table); 'false' fails instead.",
    },
    {
      name: 'database.server.id',
      type: ['int'],
      optional: true,
      defaultValue: 'random in 5400..6400',
      description:
        'Listening on MariaDB/MySQL: the replica id this reader announces; unique among the servers and readers of the binlog.',
    },
    {
      name: 'binlog.file',
      type: ['string'],
      optional: true,
      description:
        "Listening on MariaDB/MySQL: the binlog file to start from (with binlog.position), e.g. 'mysql-bin.000003'; the current end of the binlog when absent. The source logs where it stopped.",
    },
    {
      name: 'binlog.position',
      type: ['long'],
      optional: true,
      defaultValue: '4',
      description: 'Listening on MariaDB/MySQL: the position in binlog.file to start from.',
    },
    {
      name: 'polling.column',
      type: ['string'],
      optional: true,
      description: 'Polling mode (required there): an increasing id or last-modified timestamp column.',
    },
    {
      name: 'polling.interval',
      type: ['double'],
      optional: true,
      defaultValue: '1',
      description: 'Polling mode: seconds between polls.',
    },
    {
      name: 'primary.key',
      type: ['string'],
      optional: true,
      description: "Polling mode: key column; a row whose key was seen before is an 'update'.",
    },
    {
      name: 'polling.batch.size',
      type: ['int'],
      optional: true,
      defaultValue: '1000',
      description: 'Polling mode: rows read per query.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='cdc', url='jdbc:postgresql://localhost:5432/shop', username='cdc', password='***', table.name='orders',\n  @map(type='keyvalue', @attributes(id='id', amount='amount', before_amount='before_amount', op='trp:operation')))\ndefine stream OrderChanges (id long, amount double, before_amount double, op string);",
      description:
        "Listens to every insert, update and delete of 'orders' through logical replication (publication 'tributary_orders' and slot 'tributary_<app>_orders', created when missing); an update carries the old amount in before_amount.",
    },
    {
      syntax:
        "@source(type='cdc', mode='listening', url='jdbc:mariadb://localhost:3306/shop', username='cdc', password='***', table.name='orders', operation='delete',\n  @map(type='keyvalue', @attributes(id='before_id', amount='before_amount')))\ndefine stream DeletedOrders (id long, amount double);",
      description: "Reads the MariaDB binlog from its current end and streams the rows deleted from 'orders'.",
    },
    {
      syntax:
        "@source(type='cdc', mode='polling', url='jdbc:postgresql://localhost:5432/shop', username='cdc', password='***', table.name='orders', polling.column='updated_at', primary.key='id', polling.interval='1',\n  @map(type='keyvalue', @attributes(id='id', amount='amount', op='trp:operation')))\ndefine stream OrderChanges (id long, amount double, op string);",
      description: 'Streams new and updated orders once a second, with the change type.',
    },
  ],
};
