/** All entities, listed explicitly (no folder discovery: the same list works compiled and under ts). */
export * from './base.entity';
import { AddressMatch } from './address-match.entity';
import { ApiKey } from './api-key.entity';
import { AuditLog } from './audit-log.entity';
import { BusinessGridMember } from './business-grid-member.entity';
import { DivisionCode } from './division-code.entity';
import { Employment } from './employment.entity';
import { EntityLink } from './entity-link.entity';
import { Event } from './event.entity';
import { EventParty } from './event-party.entity';
import { EventStep } from './event-step.entity';
import { Grid } from './grid.entity';
import { GridAssignmentHistory } from './grid-assignment-history.entity';
import { GridLevel } from './grid-level.entity';
import { GridLineage } from './grid-lineage.entity';
import { GridReorganisation } from './grid-reorganisation.entity';
import { GoldenLineage } from './golden-lineage.entity';
import { House } from './house.entity';
import { HouseOccupant } from './house-occupant.entity';
import { JobRun } from './job-run.entity';
import { MatchMember } from './match-member.entity';
import { MatchModelState } from './match-model-state.entity';
import { MatchPair } from './match-pair.entity';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';
import { PersonAddress } from './person-address.entity';
import { PersonTag } from './person-tag.entity';
import { ReconciliationReport } from './reconciliation-report.entity';
import { SourceRecord } from './source-record.entity';
import { SourceRecordVersion } from './source-record-version.entity';
import { StandardAddress } from './standard-address.entity';
import { SyncState } from './sync-state.entity';
import { TagDefinition } from './tag-definition.entity';
import { Thing } from './thing.entity';

export {
  AddressMatch, ApiKey, AuditLog, BusinessGridMember, DivisionCode, Employment, EntityLink, Event, EventParty, EventStep, Grid,
  GoldenLineage, GridAssignmentHistory, GridLevel, GridLineage, GridReorganisation, House, HouseOccupant, JobRun,
  MatchMember, MatchModelState, MatchPair, Organisation,
  Person, PersonAddress, PersonTag, ReconciliationReport, SourceRecord, SourceRecordVersion, StandardAddress, SyncState, TagDefinition, Thing,
};

export const ENTITIES = [
  AddressMatch, ApiKey, AuditLog, BusinessGridMember, DivisionCode, Employment, EntityLink, Event, EventParty, EventStep, Grid,
  GoldenLineage, GridAssignmentHistory, GridLevel, GridLineage, GridReorganisation, House, HouseOccupant, JobRun,
  MatchMember, MatchModelState, MatchPair, Organisation,
  Person, PersonAddress, PersonTag, ReconciliationReport, SourceRecord, SourceRecordVersion, StandardAddress, SyncState, TagDefinition, Thing,
];
