/** The Relay `Node` interface: every object with a global id can be fetched again by `node(id:)`. */
import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { description: 'An object with a global id (全局对象), fetchable with `node(id:)`.' })
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;
}
