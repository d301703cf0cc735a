/** Every resolver class of the schema (one line each; the schema is built from this list). */
import { GridResolver } from './grid.resolver';
import { HubResolver } from './hub.resolver';
import { GridDirectoryResolver } from './grid-directory.resolver';
import { NodeResolver } from './node.resolver';
import { OrganisationResolver, ThingResolver } from './organisation.resolver';
import { EmploymentResolver, PersonAddressResolver, PersonResolver } from './person.resolver';
import { AddressResolver, HouseOccupantResolver, HouseResolver } from './place.resolver';

export const RESOLVERS = [HubResolver, GridResolver, GridDirectoryResolver, NodeResolver, PersonResolver, PersonAddressResolver, EmploymentResolver, AddressResolver, HouseResolver, HouseOccupantResolver, OrganisationResolver, ThingResolver] as const;
