/**
 * The rates the generators use, in one place (README.md explains them). Probabilities are per
 * entity unless stated; per-tick rates are per simulated day.
 */
export const RATES = {
  /** Persons per dwelling address used to size a base grid's housing stock. */
  personsPerDwelling: 2.75,
  vacantDwelling: 0.08,
  /** Occupied dwellings that are rentals (出租屋); the rest are owner-occupied. */
  rentalOfOccupied: 0.27,
  /** Owner-occupied dwellings whose household is floating (bought, hukou elsewhere). */
  floatingOwner: 0.15,
  /** Households per rental: 1, 2, 3, 4–6 (the last is 群租). */
  householdsPerRental: [0.65, 0.2, 0.1, 0.05],
  /** Rental households that are foreigners (境外). */
  foreignRentalHousehold: 0.09,
  /** Household size 1..5: hukou and floating. */
  hukouHouseholdSize: [0.2, 0.28, 0.25, 0.15, 0.12],
  floatingHouseholdSize: [0.4, 0.25, 0.2, 0.1, 0.05],
  /** 人户分离: hukou households whose hukou is at another address in the district. */
  separatedHukou: 0.05,
  /** Twins among households with children. */
  twins: 0.02,
  /** Spouses sharing one phone. */
  sharedPhone: 0.03,
  /** Namesake pairs per neighbouring pair of communities. */
  namesakePairs: 3,
  /** Rental hazards (besides 群租 when ≥ 6 tenants). */
  rentalHazard: 0.1,
  /** Organisations per person (≈ 1 per 35). */
  organisationsPerPerson: 1 / 35,
  /** Working-age residents employed by an organisation of their community. */
  employedLocally: 0.35,
  /** Tags. */
  tags: {
    releasedPrisoner: 0.002, // adults 20–60
    communityCorrection: 0.0008, // adults
    severeMentalDisorder: 0.004, // adults
    drugUser: 0.0015, // adults 18–55
    keyYouth: 0.004, // 6–25
    elderlyAlone: 0.03, // of 65+, only those living alone
    emptyNest: 0.25, // of 65+ living as a couple
    disabled: 0.02,
    minimumSubsistence: 0.015, // households (hukou)
    leftBehindChild: 0.8, // children living with grandparents only
    veteran: 0.01, // adults 35+
  },
  /** Per tick, per person / household / organisation / base grid. */
  tick: {
    birthPerPerson: 10 / 1000 / 365,
    deathPerPerson: 7 / 1000 / 365,
    moveWithinPerHousehold: 0.0006,
    moveOutPerHousehold: 0.0006,
    newPhonePerPerson: 0.001,
    correctionPerPerson: 0.0003,
    newBusinessPerOrganisation: 0.002,
    closeBusinessPerOrganisation: 0.0015,
    newEventsPerBaseGrid: 0.6,
    eventProgress: 0.35,
  },
} as const;
