/** Every resolver class of the schema (one line each; the schema is built from this list). */
import { DashboardEventsResolver, DashboardResolver } from './dashboard.resolver';
import { EventPartyResolver, EventResolver } from './event.resolver';
import { GridEventsResolver } from './grid-events.resolver';
import { GridResolver } from './grid.resolver';
import { HubResolver } from './hub.resolver';
import { GridDirectoryResolver } from './grid-directory.resolver';
import { NodeResolver } from './node.resolver';
import { AuditResolver } from './audit.resolver';
import { OrganisationEventsResolver, PersonEventsResolver } from './party-events.resolver';
import { OrganisationResolver, ThingResolver } from './organisation.resolver';
import { EmploymentResolver, PersonAddressResolver, PersonResolver } from './person.resolver';
import { AddressResolver, HouseOccupantResolver, HouseResolver } from './place.resolver';
import { AddressLineageResolver, HouseLineageResolver, OrganisationLineageResolver, PersonLineageResolver } from './lineage.resolver';
import { JobsResolver } from './jobs.resolver';
import { StewardResolver } from './steward.resolver';

export const RESOLVERS = [HubResolver, AuditResolver, GridResolver, GridDirectoryResolver, NodeResolver, PersonResolver, PersonAddressResolver, EmploymentResolver, AddressResolver, HouseResolver, HouseOccupantResolver, OrganisationResolver, ThingResolver, PersonEventsResolver, OrganisationEventsResolver, DashboardResolver, DashboardEventsResolver, EventResolver, EventPartyResolver, GridEventsResolver, StewardResolver, JobsResolver, PersonLineageResolver, OrganisationLineageResolver, HouseLineageResolver, AddressLineageResolver] as const;
